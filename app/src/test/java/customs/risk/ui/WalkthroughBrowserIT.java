package customs.risk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each view walked in headless Chromium, on the demo bundle scored by a trained model: filter the
 * ranking, open an entity, expand its network, search globally and in documents, submit the
 * declaration form with a validation error and then correctly and record an inspection with a photo
 * (both on a phone-sized screen), answer a request for information on a phone, upload a bundle,
 * watch a company and follow its alert. Screenshots land in {@code target/screenshots}.
 */
class WalkthroughBrowserIT extends DemoApplication {

    @Autowired
    customs.risk.cases.CaseService cases;

    @Autowired
    customs.risk.cases.CaseConversation conversation;

    @Autowired
    customs.risk.cases.team.UserAccounts accounts;

    @Autowired
    customs.risk.cases.requests.InformationRequests requests;

    @Autowired
    customs.risk.survey.service.SurveyService surveys;

    private static final String SURVEY_PASSWORD = "a-survey-browser-password";

    @Autowired
    org.neo4j.driver.Driver driver;

    private customs.risk.graph.store.Graph graph;

    @BeforeEach
    void graph() {
        graph = new customs.risk.graph.store.Graph(driver);
    }

    @Test
    void twoMembersSeeEachOthersMessagesLiveAndOutsidersSeeNoCase() {
        var officer = new customs.risk.graph.access.Actor("officer", false);
        String caseId = cases.create(
                        officer,
                        "Lithium round trip",
                        customs.risk.cases.CaseModel.Priority.HIGH,
                        java.util.List.of("Company:476-87-16904"),
                        java.util.List.of("investigator"))
                .id();
        conversation.post(officer, caseId, "Opening note for the team", "opening-note");
        openCase(browser, "officer", caseId);
        try (var colleague = new Browser(port)) {
            colleague.login("investigator", DEMO_PASSWORD);
            int unreadBefore =
                    Integer.parseInt(colleague.byId("nav-cases-unread").getText());
            assertThat(unreadBefore).as("the opening note is unread").isPositive();
            openCase(colleague, "investigator", caseId);

            browser.type("message-input", "Seen the B/L for @investigator?");
            browser.click("message-send");
            colleague.until(d -> colleague.byId("case-messages").getText().contains("Seen the B/L") ? true : null);
            colleague.type("message-input", "Yes, the quantities do not match");
            colleague.click("message-send");
            browser.until(
                    d -> browser.byId("case-messages").getText().contains("quantities do not match") ? true : null);
            colleague.screenshot("case-live-investigator");
            browser.screenshot("case-live-officer");
            // Each message once, in order, in both sessions.
            for (var session : java.util.List.of(browser, colleague)) {
                String text = session.byId("case-messages").getText();
                assertThat(text.indexOf("Seen the B/L")).isLessThan(text.indexOf("quantities do not match"));
                assertThat(text.split("Seen the B/L", -1)).hasSize(2);
            }
            // What the colleague saw, opened or live, is read: the count beside "Cases" drops by the note.
            colleague.open("/cases");
            colleague.until(d -> colleague.byId("cases-grid") != null);
            var badge = colleague.all(org.openqa.selenium.By.id("nav-cases-unread"));
            int unreadAfter = badge.isEmpty() || badge.getFirst().getText().isBlank()
                    ? 0
                    : Integer.parseInt(badge.getFirst().getText());
            assertThat(unreadAfter).isEqualTo(unreadBefore - 1);
        }
        // The network explorer shows the company as under investigation.
        browser.open("/network?focus=Company:476-87-16904");
        Object investigated = browser.until(d -> browser.script("const g = document.getElementById('network-graph');"
                + " const n = g && g.cy ? g.cy.getElementById('Company:476-87-16904') : null;"
                + " return n && n.nonempty() ? n.data('investigated') : null;"));
        assertThat(investigated).isEqualTo(Boolean.TRUE);

        browser.login("inspector", DEMO_PASSWORD);
        browser.open("/cases/" + caseId);
        assertThat(browser.byId("case-missing").getText()).contains("No case " + caseId);
    }

    @Test
    void membersAttachEditAndDeleteLiveAndTheOwnerClosesTheCase() throws Exception {
        var officer = new customs.risk.graph.access.Actor("officer", false);
        String caseId = cases.create(
                        officer, "Undervalued batteries", null, java.util.List.of(), java.util.List.of("investigator"))
                .id();
        openCase(browser, "officer", caseId);
        try (var colleague = new Browser(port)) {
            openCase(colleague, "investigator", caseId);

            // A mention chip writes the name; a picture goes with the message and shows inline for both.
            browser.byId("mention-chips")
                    .findElement(By.cssSelector(".mention-chip"))
                    .click();
            assertThat(browser.byId("message-input")
                            .findElement(By.cssSelector("textarea"))
                            .getDomProperty("value"))
                    .isEqualTo("@investigator ");
            Path picture = temporaryFile("seal", ".png");
            javax.imageio.ImageIO.write(
                    new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB),
                    "png",
                    picture.toFile());
            browser.attach("message-upload", picture);
            var text = browser.byId("message-input").findElement(By.cssSelector("textarea"));
            text.sendKeys("the seal on this invoice looks copied");
            browser.click("message-send");
            colleague.until(d -> d.findElements(By.cssSelector("#case-messages img.message-image"))
                            .isEmpty()
                    ? null
                    : true);
            assertThat(colleague.byId("case-messages").getText()).contains("@investigator the seal on this invoice");
            assertThat(colleague.fetchStatus(colleague
                            .all(By.cssSelector("#case-messages img.message-image"))
                            .getFirst()
                            .getDomAttribute("src")))
                    .isEqualTo(200);

            // Editing and deleting one's own message shows in the other session at once, history kept.
            browser.byId("case-messages")
                    .findElement(By.cssSelector(".message-edit"))
                    .click();
            var editor = browser.until(d -> d.findElements(By.cssSelector(".message-editor textarea")).stream()
                    .findFirst()
                    .orElse(null));
            editor.clear();
            editor.sendKeys("the seal looks copied from another exporter");
            browser.byId("case-messages")
                    .findElement(By.cssSelector(".message-save"))
                    .click();
            colleague.until(d ->
                    colleague.byId("case-messages").getText().contains("copied from another exporter") ? true : null);
            assertThat(colleague.byId("case-messages").getText())
                    .contains("edited")
                    .doesNotContain("the seal on this invoice looks copied");
            assertThat(colleague.all(By.cssSelector("#case-messages .message-edit")))
                    .as("not the colleague's to edit")
                    .isEmpty();
            colleague.type("message-input", "Agreed, asking the exporter");
            colleague.click("message-send");
            browser.until(d -> browser.byId("case-messages").getText().contains("asking the exporter") ? true : null);
            browser.byId("case-messages")
                    .findElement(By.cssSelector(".message-delete"))
                    .click();
            browser.click("confirm-delete");
            colleague.until(d -> colleague.byId("case-messages").getText().contains("(deleted)") ? true : null);
            assertThat(colleague.byId("case-messages").getText())
                    .doesNotContain("copied from another exporter")
                    .contains("asking the exporter");
            colleague.screenshot("case-edited-deleted-investigator");

            // The owner closes the case with an outcome: the timeline says so and nobody can post any
            // more, in the colleague's open page too.
            browser.byId("case-manage").click();
            browser.select("case-status", "closed");
            browser.type("case-outcome", "Referred to the valuation unit");
            browser.click("case-save");
            browser.byId("case-closed-note");
            assertThat(browser.byId("case-facts").getText()).startsWith("closed (Referred to the valuation unit)");
            assertThat(browser.byId("case-timeline").getText())
                    .contains(
                            "status changed: OPEN -> CLOSED", "message edited", "message deleted", "attachment added");
            assertThat(browser.all(By.id("message-input"))).isEmpty();
            browser.screenshot("case-closed");
            colleague.byId("case-closed-note");
            assertThat(colleague.byId("case-facts").getText()).startsWith("closed (Referred to the valuation unit)");
            assertThat(colleague.byId("case-timeline").getText()).contains("status changed: OPEN -> CLOSED");
            assertThat(colleague.all(By.id("message-input"))).isEmpty();
        }
    }

    @Test
    void aUserSetsTheirMailAddressAndNotificationChoices() {
        browser.login("inspector", DEMO_PASSWORD);
        // The user's name in the header leads to the account page (the dev-mode toolbar covers it for a click).
        assertThat(browser.byId("current-user").getDomAttribute("href")).isEqualTo("/account");
        browser.open("/account");
        browser.byId("account-view");
        browser.type("account-email", "not an address");
        browser.click("account-save");
        browser.until(d -> browser.byId("account-status").getText().startsWith("Not saved") ? true : null);
        assertThat(browser.byId("account-email").getDomAttribute("invalid")).isNotNull();

        browser.type("account-email", "inspector@customs.test");
        var mentions = browser.byId("account-notifications").findElements(By.cssSelector("vaadin-checkbox")).stream()
                .filter(c -> c.getText().contains("mentions me"))
                .findFirst()
                .orElseThrow();
        mentions.click();
        browser.click("account-save");
        browser.until(d -> browser.byId("account-status").getText().equals("E-mail settings saved.") ? true : null);
        var contact = accounts.contact("inspector").orElseThrow();
        assertThat(contact.email()).isEqualTo("inspector@customs.test");
        assertThat(contact.notifications())
                .containsExactlyInAnyOrder(
                        customs.risk.cases.team.Notification.ASSIGNMENT,
                        customs.risk.cases.team.Notification.ANNOUNCEMENT);
        browser.screenshot("account");
    }

    @Test
    void aCaseShowsWhatItIsAboutByName() {
        var company = risk.namedPage(
                        customs.risk.engine.ranking.RiskStore.Kind.ENTITIES,
                        customs.risk.engine.ranking.RankingFilter.NONE,
                        customs.risk.engine.ranking.RiskStore.Order.RISKIEST_FIRST,
                        0,
                        1)
                .getFirst();
        String ref = "Company:" + company.item().id();
        String caseId = cases.create(
                        new customs.risk.graph.access.Actor("officer", false),
                        "Who is behind the loop",
                        null,
                        java.util.List.of(ref),
                        java.util.List.of())
                .id();
        openCase(browser, "officer", caseId);
        var link = browser.byId("case-links").findElement(By.cssSelector("a.case-link"));
        assertThat(link.getText()).isEqualTo(company.name());
        assertThat(link.getDomAttribute("title")).isEqualTo(ref);
        assertThat(link.getDomAttribute("href"))
                .endsWith("/entity/Company/" + company.item().id());
        browser.screenshot("case-about-by-name");
    }

    private static void openCase(Browser session, String user, String caseId) {
        session.login(user, DEMO_PASSWORD);
        session.open("/cases/" + caseId);
        session.byId("case-messages");
    }

    @Test
    void anOfficersAnnouncementReachesInspectorsWhoAcknowledgeIt() {
        browser.login("officer", DEMO_PASSWORD);
        browser.open("/");
        browser.type("announcement-title", "Lithium carbonate alert");
        browser.type("announcement-text", "Check the packing lists of HS 283691 consignments from CN.");
        browser.select("announcement-audience", "INSPECTOR");
        browser.click("announcement-publish");
        // Published: the form is cleared (the officer is not in the audience, so the list stays as it was).
        browser.until(d -> browser.byId("announcement-title")
                        .findElement(By.cssSelector("input"))
                        .getDomProperty("value")
                        .isEmpty()
                ? true
                : null);

        browser.login("inspector", DEMO_PASSWORD);
        browser.open("/");
        var ack = browser.until(
                d -> d.findElements(By.cssSelector("#announcement-list vaadin-button[id^='ack-']")).stream()
                        .findFirst()
                        .orElse(null));
        ack.click();
        browser.until(d -> browser.byId("announcement-list").getText().contains("acknowledged") ? true : null);
        browser.screenshot("announcement-acknowledged");

        browser.login("investigator", DEMO_PASSWORD);
        browser.open("/");
        assertThat(browser.byId("announcement-list").getText()).doesNotContain("Lithium carbonate alert");
    }

    @Test
    void anInspectorAnswersInTheBrowserAndTheAdministratorSeesTheStatistics() {
        for (String name : java.util.List.of("sb-inspector", "sb-1", "sb-2", "sb-3")) {
            accounts.create(name, SURVEY_PASSWORD, java.util.Set.of(customs.risk.graph.access.Role.INSPECTOR), null);
        }
        var survey = surveys.create(
                "admin",
                customs.risk.survey.service.SurveyModel.Draft.parse(
                        "Pilot acceptance", java.util.Set.of(customs.risk.graph.access.Role.INSPECTOR), """
                        Analysis: The scores point me to the right consignments
                        Analysis: The reasons shown make sense to me
                        Dissemination: Results reach me in time
                        """));
        surveys.open(survey.id());
        surveys.answer("sb-1", survey.id(), java.util.Map.of("Q1", 8, "Q2", 7, "Q3", 6));
        surveys.answer("sb-2", survey.id(), java.util.Map.of("Q1", 4, "Q2", 5, "Q3", 3));
        surveys.answer("sb-3", survey.id(), java.util.Map.of("Q1", 6, "Q2", 6, "Q3", 7));

        {
            browser.login("sb-inspector", SURVEY_PASSWORD);
            browser.open("/surveys");
            browser.click("answer-" + survey.id());
            browser.byId("rating-Q1");
            browser.click("survey-submit");
            assertThat(browser.all(By.id("survey-answered")))
                    .as("nothing rated yet")
                    .isEmpty();
            for (var rating : java.util.Map.of("Q1", "9", "Q2", "8", "Q3", "7").entrySet()) {
                var option = browser.until(d ->
                        browser
                                .byId("rating-" + rating.getKey())
                                .findElements(By.cssSelector("vaadin-radio-button"))
                                .stream()
                                .filter(b -> b.getText().strip().equals(rating.getValue()))
                                .findFirst()
                                .orElse(null));
                browser.script("arguments[0].scrollIntoView({block: 'center'});", option);
                option.click();
            }
            browser.screenshot("survey-answering");
            browser.click("survey-submit");
            assertThat(browser.byId("survey-answered").getText()).contains("You answered this survey");
            browser.open("/surveys/" + survey.id());
            assertThat(browser.byId("survey-answered").getText())
                    .as("answered once")
                    .contains("You answered");
            assertThat(browser.all(By.id("nav-admin-surveys"))).isEmpty();

            browser.login("admin", DEMO_PASSWORD);
            browser.open("/admin/surveys");
            browser.click("statistics-" + survey.id());
            assertThat(browser.byId("stat-n").getText()).startsWith("4 answers");
            assertThat(browser.byId("stat-alpha").getText()).contains("Cronbach's alpha", "95% CI");
            assertThat(browser.byId("stat-kmo").getText()).contains("KMO");
            assertThat(browser.byId("statement-stats").getText()).contains("The reasons shown make sense to me");
            assertThat(browser.byId("construct-stats").getText()).contains("Analysis", "Dissemination");
            assertThat(browser.fetchStatus("/download/surveys/" + survey.id() + "/results.xlsx"))
                    .isEqualTo(200);
            browser.screenshot("survey-statistics");
        }
        assertThat(surveys.answers(survey.id()))
                .filteredOn(a -> a.respondent().equals("sb-inspector"))
                .singleElement()
                .satisfies(a -> assertThat(a.ratings()).containsExactly(9, 8, 7));
    }

    @Test
    void anAdministratorManagesUsersAndOthersCannot() {
        browser.login("admin", DEMO_PASSWORD);
        browser.open("/admin/users");
        browser.until(d -> browser.byId("users-grid").getText().contains("inspector") ? true : null);
        assertThat(browser.all(By.id("nav-admin-users"))).isNotEmpty();
        browser.screenshot("admin-users");

        browser.login("inspector", DEMO_PASSWORD);
        browser.open("/");
        browser.byId("main-nav");
        assertThat(browser.all(By.id("nav-admin-users"))).isEmpty();
        assertThat(browser.all(By.id("nav-ranking"))).isEmpty();
        assertThat(browser.all(By.id("nav-entry-inspection"))).isNotEmpty();
        browser.screenshot("inspector-navigation");
    }

    /**
     * An investigator watches a company from its page; a risk officer uploads a bundle with a new
     * declaration of it over REST; the investigator's bell counts the alert without a reload, and
     * the alert's link opens the declaration.
     */
    @Test
    void anInvestigatorSeesTheAlertOfAWatchedCompanyLiveAndOpensTheDeclaration() throws Exception {
        String company = "817-81-47227";
        String declaration = "ALERT-DEMO-0001:1";
        browser.login("investigator", DEMO_PASSWORD);
        browser.open("/entity/Company/" + company);
        browser.click("watch-entity");
        browser.until(d -> browser.byId("watch-entity").getText().startsWith("Watching") ? true : null);
        // Other walks may have left the investigator alerts; none is shown as a count of 0.
        int before = browser.all(By.id("alerts-unread")).stream()
                .filter(org.openqa.selenium.WebElement::isDisplayed)
                .map(e -> count(e.getText()))
                .findFirst()
                .orElse(0);
        browser.screenshot("alerts-watching");

        assertThat(uploadAsOfficer(declaration, company)).isEqualTo(202);

        // Pushed to the open page: no reload, no navigation.
        browser.until(d -> count(browser.byId("alerts-unread").getText()) > before ? true : null);
        assertThat(browser.path()).isEqualTo("/entity/Company/" + company);
        browser.screenshot("alerts-bell");

        // Development mode's Copilot panel may lie over the header's corner (production has none).
        browser.script("arguments[0].click();", browser.byId("alerts-bell"));
        var link = browser.until(d -> d.findElements(By.cssSelector("#alert-groups .alert-link")).stream()
                .filter(a -> a.getText().startsWith("New declaration of QY Garment"))
                .findFirst()
                .orElse(null));
        browser.screenshot("alerts-centre");
        link.click();
        browser.until(d -> browser.path().startsWith("/entity/Declaration/") ? true : null);
        browser.until(d -> d.findElements(By.id("entity-title")).isEmpty() ? null : true);
        assertThat(browser.byId("entity-title").getText()).contains(declaration);
        browser.screenshot("alerts-declaration");

        browser.open("/watches");
        browser.until(d -> d.findElements(By.cssSelector("#watches-grid")).isEmpty() ? null : true);
        browser.screenshot("alerts-watches");
    }

    /** A risk officer's upload over REST of one new declaration bought by the company. */
    private int uploadAsOfficer(String declaration, String buyer) throws IOException, InterruptedException {
        var zip = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.ZipOutputStream(zip)) {
            out.putNextEntry(new java.util.zip.ZipEntry("declarations.csv"));
            out.write(("declaration_id,filed_on,direction,office_code,seller_id,buyer_id,hs_code,description,"
                            + "origin_country,quantity,declared_value\n"
                            + declaration + ",2024-12-02,IMPORT,030,CNXIAMEN1604F," + buyer
                            + ",2836911000,LITHIUM CARBONATES,CN,3000,35000\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/bundles"))
                .header(
                        "Authorization",
                        "Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString(("officer:" + DEMO_PASSWORD)
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/zip")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(zip.toByteArray()))
                .build();
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        }
    }

    private static int count(String shown) {
        return shown.isBlank() ? 0 : Integer.parseInt(shown.strip());
    }

    /** The id (the link's tooltip) of the first company or declaration the ranking grid shows. */
    private static String firstRankedId(Browser session) {
        return session.until(d -> d.findElements(By.cssSelector("#ranking-grid a.ranking-name")).stream()
                .map(a -> a.getDomAttribute("title"))
                .filter(t -> t != null && !t.isBlank())
                .findFirst()
                .orElse(null));
    }

    @Test
    void theRankingFiltersAndLeadsToAnEntityPage() {
        var riskiest = risk.namedPage(
                        customs.risk.engine.ranking.RiskStore.Kind.ENTITIES,
                        customs.risk.engine.ranking.RankingFilter.NONE,
                        customs.risk.engine.ranking.RiskStore.Order.RISKIEST_FIRST,
                        0,
                        1)
                .getFirst();
        assertThat(riskiest.name()).as("the demo names its riskiest company").isNotBlank();
        browser.login("officer", DEMO_PASSWORD);
        browser.open("/ranking");
        browser.byId("ranking-grid");
        String first = firstRankedId(browser);
        assertThat(first).isEqualTo(riskiest.item().id());
        // Companies read by name, with the country beside them; the id is under the name, not instead of it.
        var firstLink = browser.driver()
                .findElements(By.cssSelector("#ranking-grid a.ranking-name"))
                .getFirst();
        assertThat(firstLink.getText()).isEqualTo(riskiest.name());
        assertThat(browser.byId("ranking-grid").getText())
                .contains(riskiest.name(), riskiest.item().id(), riskiest.country());
        // Every reason is there in full, not cut to fit one line.
        var firstReasons = browser.driver()
                .findElements(By.cssSelector("#ranking-grid .ranking-reasons"))
                .getFirst();
        assertThat(firstReasons.getText()).contains(riskiest.item().reasons());
        browser.screenshot("ranking-entities");
        // The Id header sorts by id instead of by risk.
        String firstById = risk.page(
                        customs.risk.engine.ranking.RiskStore.Kind.ENTITIES,
                        customs.risk.engine.ranking.RankingFilter.NONE,
                        customs.risk.engine.ranking.RiskStore.Order.BY_ID,
                        0,
                        1)
                .getFirst()
                .id();
        assertThat(firstById)
                .as("the demo's riskiest company is not also the first by id")
                .isNotEqualTo(first);
        browser.byId("ranking-grid")
                .findElements(By.cssSelector("vaadin-grid-sorter"))
                .getFirst()
                .click();
        browser.until(d -> firstById.equals(firstRankedId(browser)) ? true : null);

        browser.click("tab-declarations");
        browser.type("filter-min-score", "0.7");
        // Wait for the filtered rows: the grid drops the loading mark once they are in.
        browser.until(d ->
                !d.findElements(By.cssSelector("#ranking-grid a.ranking-party")).isEmpty()
                                && browser.byId("ranking-grid").getDomAttribute("loading") == null
                        ? true
                        : null);
        assertThat(browser.byId("expected-hits").getText()).contains("riskiest declarations");
        // Sellers and buyers by name, their ids as tooltips.
        var party = browser.driver()
                .findElements(By.cssSelector("#ranking-grid a.ranking-party"))
                .getFirst();
        assertThat(party.getDomAttribute("title")).isNotBlank();
        assertThat(party.getText()).isNotBlank().isNotEqualTo(party.getDomAttribute("title"));
        browser.screenshot("ranking-declarations-filtered");

        browser.open("/entity/Company/" + first);
        assertThat(browser.byId("entity-title").getText()).isNotBlank();
        assertThat(browser.byId("entity-reasons").getText()).isNotBlank();
        browser.byId("entity-declarations");
        browser.screenshot("entity-company");
    }

    @Test
    void everyViewWorksUnderTheContentSecurityPolicy() {
        var top =
                risk.top(customs.risk.engine.ranking.RiskStore.Kind.ENTITIES, 1).getFirst();
        browser.login("admin", DEMO_PASSWORD);
        browser.consoleProblems();
        var views = new java.util.LinkedHashMap<String, String>();
        views.put("/", "overview");
        views.put("/ranking", "ranking-grid");
        views.put("/entity/Company/" + top.id(), "entity-title");
        views.put("/network?focus=Company:" + top.id(), "selected-node");
        views.put("/cases", "cases-view");
        views.put("/requests", "requests-view");
        views.put("/documents?q=invoice", "doc-search-total");
        views.put("/documents/upload", "document-upload");
        views.put("/search?q=invoice", "search-documents");
        views.put("/entry/bundle", "bundle-entry");
        views.put("/surveys", "surveys-view");
        views.put("/admin/users", "users-view");
        views.put("/swagger-ui/index.html", "swagger-ui");
        var problems = new ArrayList<String>();
        for (var view : views.entrySet()) {
            browser.open(view.getKey());
            browser.byId(view.getValue());
            browser.consoleProblems().stream()
                    .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to"))
                    .forEach(m -> problems.add(view.getKey() + ": " + m));
        }
        assertThat(problems).as("resources the policy blocked").isEmpty();
    }

    /** True, once the layout has settled, when every node's box lies inside the canvas. */
    private static final String INSIDE_THE_CANVAS = "const cy = document.getElementById('network-graph').cy;"
            + " return cy.width() > 0 && cy.nodes().every(n => { const b = n.renderedBoundingBox();"
            + " return b.x1 >= 0 && b.y1 >= 0 && b.x2 <= cy.width() && b.y2 <= cy.height(); })";

    @Test
    void theNetworkExpandsANodeAPageAtATime() {
        var top =
                risk.top(customs.risk.engine.ranking.RiskStore.Kind.ENTITIES, 1).getFirst();
        browser.login("investigator", DEMO_PASSWORD);
        browser.open("/network?focus=Company:" + top.id());
        browser.byId("selected-node");
        browser.until(d -> ((Long) browser.script("const g = document.getElementById('network-graph');"
                        + " return g && g.cy ? g.cy.nodes().length : 0;"))
                == 1L);
        // The lone start node sits in the middle of the canvas, not in a corner.
        Object centred = browser.until(d -> browser.script(INSIDE_THE_CANVAS
                + " && Math.abs(cy.nodes()[0].renderedPosition().x - cy.width() / 2) < 20"
                + " && Math.abs(cy.nodes()[0].renderedPosition().y - cy.height() / 2) < 20;"));
        assertThat(centred).isEqualTo(true);
        var expand = browser.until(
                d -> d.findElements(By.cssSelector("#network-details vaadin-button[id^='expand-']")).stream()
                        .findFirst()
                        .orElse(null));
        expand.click();
        long drawn = browser.until(d -> {
            long n = (Long) browser.script("return document.getElementById('network-graph').cy.nodes().length;");
            return n > 1 ? n : null;
        });
        assertThat(drawn).isBetween(2L, 1L + 50);
        // After the expansion, every node drawn is inside the visible canvas.
        Object inside = browser.until(d -> browser.script(INSIDE_THE_CANVAS + ";"));
        assertThat(inside).isEqualTo(true);
        browser.screenshot("network-expanded");
    }

    @Test
    void onAPhoneATraderFilesADeclarationWithMistakesThenCorrectlyAndSeesNoRankings() {
        try (var phone = Browser.phone(port)) {
            phone.login("trader", DEMO_PASSWORD);
            phone.open("/ranking");
            assertThat(phone.byId("not-found-text").getText()).contains("not open to your role");
            assertThat(phone.all(By.id("ranking-grid"))).isEmpty();
            phone.screenshot("trader-denied-ranking");
            phone.open("/entry/declaration");
            phone.type("declaration-declaration-id", "WEB-0001:1");
            phone.type("declaration-filed-on", "2024-13-45");
            phone.choose("declaration-direction", "IMPORT");
            phone.type("declaration-office-code", "030");
            phone.type("declaration-seller-id", "CNXIAMEN1604F");
            phone.type("declaration-buyer-id", "476-87-16904");
            phone.type("declaration-hs-code", "2836911000");
            phone.type("declaration-origin-country", "CN");
            phone.type("declaration-quantity", "-5");
            phone.type("declaration-declared-value", "1000");
            phone.click("declaration-submit");
            phone.until(d -> phone.byId("declaration-quantity").getDomAttribute("invalid") != null ? true : null);
            assertThat(phone.byId("declaration-filed-on").getDomAttribute("invalid"))
                    .isNotNull();
            assertThat(phone.byId("declaration-origin-country").getDomAttribute("invalid"))
                    .isNull();
            phone.screenshot("declaration-refused");

            phone.type("declaration-filed-on", "2024-03-01");
            phone.type("declaration-quantity", "3490");
            phone.click("declaration-submit");
            phone.until(d -> phone.byId("declaration-status").getText().startsWith("Saved") ? true : null);
            assertThat(phone.byId("declaration-result").getText()).doesNotContain("Score");
            assertThat(phone.byId("declaration-quantity").getDomAttribute("invalid"))
                    .isNull();
            assertThat(risk.score(customs.risk.engine.ranking.RiskStore.Kind.DECLARATIONS, "WEB-0001:1"))
                    .isPresent();
            phone.screenshot("declaration-saved");
            assertThat(phone.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("the form fits the phone's width")
                    .isEqualTo(Boolean.TRUE);
        }
    }

    @Test
    void onAPhoneATraderAnswersARequestWithAFileWhileTheOfficerWatches() throws Exception {
        String company = "476-87-16904";
        String declaration = graph.query(
                        "MATCH (d:Declaration)-[:BOUGHT_BY]->(:Company {id: $c}) RETURN d.id AS id ORDER BY id LIMIT 1",
                        java.util.Map.of("c", company),
                        r -> r.get("id").asString())
                .getFirst();
        var request = requests.ask(
                accounts.find("officer").orElseThrow(),
                declaration,
                null,
                "Please send a photo of the labels on the drums.",
                java.time.LocalDate.now().plusDays(7));
        browser.login("officer", DEMO_PASSWORD);
        browser.open("/requests/" + request.id());
        assertThat(browser.byId("request-status").getText()).isEqualTo("open");

        try (var phone = Browser.phone(port)) {
            phone.login("trader", DEMO_PASSWORD);
            phone.open("/requests");
            phone.until(d -> phone.byId("requests-list").getText().contains(request.id()) ? true : null);
            assertThat(phone.byId("requests-list").getText()).contains("Declaration " + declaration, "due ");
            phone.screenshot("phone-trader-requests");
            phone.open("/requests/" + request.id());
            assertThat(phone.byId("request-question").getText()).contains("labels on the drums");
            Path photo = temporaryFile("labels", ".png");
            javax.imageio.ImageIO.write(
                    new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB),
                    "png",
                    photo.toFile());
            phone.attach("request-upload", photo);
            phone.byId("request-input")
                    .findElement(By.cssSelector("textarea"))
                    .sendKeys("Photo of the labels attached.");
            phone.click("request-send");
            phone.until(d -> phone.byId("request-messages").getText().contains("Photo of the labels") ? true : null);
            assertThat(phone.byId("request-messages").getText())
                    .contains(photo.getFileName().toString());
            assertThat(phone.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("the page fits the phone's width")
                    .isEqualTo(Boolean.TRUE);
            assertThat(phone.byId("request-thread").getText())
                    .as("a trader sees customs, not the officer")
                    .doesNotContain("officer");
            phone.screenshot("phone-trader-answered");
            assertThat(phone.fetchStatus("/manifest.json"))
                    .as("installable: the manifest")
                    .isEqualTo(200);
            assertThat(phone.fetchStatus("/sw.js"))
                    .as("installable: the service worker")
                    .isEqualTo(200);
        }
        // The officer's open page shows the answer as it arrives, with the file to open.
        browser.until(d -> browser.byId("request-messages").getText().contains("Photo of the labels") ? true : null);
        assertThat(browser.byId("request-status").getText()).isEqualTo("answered");
        assertThat(browser.byId("request-messages").findElements(By.cssSelector("a")))
                .hasSize(1);
        browser.screenshot("request-answered-officer");
    }

    @Test
    void onAPhoneAnInspectorRecordsAResultWithAPhotoOfTheGoods() throws Exception {
        Path photo = temporaryFile("drums", ".jpg");
        javax.imageio.ImageIO.write(
                new java.awt.image.BufferedImage(32, 24, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "jpg",
                photo.toFile());
        try (var phone = Browser.phone(port)) {
            phone.login("inspector", DEMO_PASSWORD);
            phone.open("/entry/inspection");
            phone.byId("inspection-photos");
            assertThat((Object) phone.until(d -> phone.script("const u = document.getElementById('inspection-photos');"
                            + " const i = u.querySelector('input[type=file]')"
                            + " || (u.shadowRoot && u.shadowRoot.querySelector('input[type=file]'));"
                            + " return i ? i.getAttribute('capture') : null;")))
                    .as("the phone offers its camera")
                    .isEqualTo("environment");
            phone.type("inspection-declaration-id", "81394-22-0000001:1");
            phone.type("inspection-inspected-on", "2024-04-02");
            phone.choose("inspection-outcome", "VIOLATION");
            phone.choose("inspection-violation-type", "UNDERVALUATION");
            phone.type("inspection-revenue-recovered", "1200");
            phone.attach("inspection-photos", photo);
            phone.click("inspection-submit");
            phone.until(d -> phone.byId("inspection-result").getText().isBlank() ? null : true);
            assertThat(phone.byId("inspection-result").getText().toLowerCase()).contains("saved");
            assertThat(phone.byId("inspection-photos-filed").getText())
                    .startsWith("1 photo filed with the declaration's documents");
            assertThat(phone.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("the form fits the phone's width")
                    .isEqualTo(Boolean.TRUE);
            phone.screenshot("phone-inspection-saved");
        }
        assertThat(graph.query("""
                        MATCH (p:Document {docType: 'PHOTO'})-[:SUPPORTS]->(:Declaration {id: '81394-22-0000001:1'})
                        RETURN p.fileName AS name
                        """, java.util.Map.of(), r -> r.get("name").asString()))
                .contains(photo.getFileName().toString());
    }

    @Test
    void aBundleUploadShowsItsProgressAndTheReport() throws Exception {
        Path zip = temporaryFile("bundle", ".zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("declarations.csv"));
            out.write(Files.readAllLines(Path.of("../fixtures/sample/bundle/declarations.csv")).stream()
                    .limit(40)
                    .reduce("", (a, b) -> a + b + "\n")
                    .concat("BAD-1,not-a-date,IMPORT,030,X,Y,,2836911000,,CN,,,,1,KG,,1,,\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        browser.login("officer", DEMO_PASSWORD);
        browser.open("/entry/bundle");
        browser.chooseFile("bundle-upload", zip);
        browser.until(d -> browser.byId("bundle-rejected").getText().isBlank() ? null : true);
        assertThat(browser.byId("bundle-loaded").getText()).containsPattern("[1-9]");
        assertThat(browser.byId("bundle-rejected").getText()).contains("1");
        assertThat(browser.byId("bundle-report")).isNotNull();
        browser.screenshot("bundle-uploaded");
    }

    @Test
    void documentSearchShowsHitsFacetsAndPreview() {
        browser.login("investigator", DEMO_PASSWORD);
        browser.open("/documents?q=commercial+invoice");
        browser.until(d ->
                d.findElements(By.cssSelector("#doc-results [id^='doc-hit-']")).isEmpty() ? null : true);
        assertThat(browser.byId("doc-search-total").getText()).containsPattern("\\d");
        assertThat(browser.byId("doc-facets").getText()).contains("INVOICE");
        String download = browser.driver()
                .findElements(By.cssSelector("[id^='doc-download-']"))
                .getFirst()
                .getDomAttribute("href");
        assertThat(browser.fetchStatus(download)).as(download).isEqualTo(200);
        var preview = browser.driver()
                .findElements(By.cssSelector("[id^='doc-preview-']"))
                .getFirst();
        browser.screenshot("document-search-facets");
        // Facets by company name take more room than ids did: the first hit can be below the fold.
        browser.script("arguments[0].scrollIntoView({block: 'center'});", preview);
        preview.click();
        browser.byId("doc-preview-dialog");
        browser.screenshot("document-search");
    }

    @Test
    void theGlobalSearchFindsEntitiesAndDocuments() {
        browser.login("investigator", DEMO_PASSWORD);
        browser.open("/");
        browser.type("global-search", "COMMERCIAL INVOICE");
        browser.byId("global-search").findElement(By.cssSelector("input")).sendKeys(org.openqa.selenium.Keys.ENTER);
        browser.until(d -> browser.path().startsWith("/search") ? true : null);
        assertThat(browser.byId("search-documents").getText()).contains("INVOICE");
        browser.screenshot("global-search");
    }

    /** A file for an upload, gone when the tests end. */
    private static Path temporaryFile(String prefix, String suffix) throws IOException {
        Path file = Files.createTempFile(prefix, suffix);
        file.toFile().deleteOnExit();
        return file;
    }
}
