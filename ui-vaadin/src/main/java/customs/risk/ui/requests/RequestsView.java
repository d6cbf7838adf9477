package customs.risk.ui.requests;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.cases.LiveListeners;
import customs.risk.cases.requests.InformationRequest;
import customs.risk.cases.requests.InformationRequest.Status;
import customs.risk.cases.requests.InformationRequests;
import customs.risk.cases.team.AccountPrincipal;
import customs.risk.cases.team.UserAccount;
import customs.risk.documents.filing.DocumentService;
import customs.risk.graph.access.RefusedException;
import customs.risk.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Requests for information, for both sides. A trader sees its company's requests from customs and
 * answers them with text and files; officers and investigators ask ({@code ?declaration=ID} or
 * {@code ?company=ID} fills in the form), follow up and close. {@code requests/ID} opens one.
 * Both sides see changes live: a new request, an answer, a follow-up.
 */
@Route(value = "requests/:id?", layout = MainLayout.class)
@PageTitle("Requests | Customs risk engine")
@RolesAllowed({"ADMIN", "RISK_OFFICER", "INVESTIGATOR", "TRADER"})
public class RequestsView extends VerticalLayout implements BeforeEnterObserver {

    private final InformationRequests requests;
    private final UserAccount viewer;
    private final long maxFileBytes;
    private final Select<String> statusFilter = new Select<>();
    private final Div list = new Div();
    private final Div detail = new Div();
    private final Details askForm = new Details();
    private final TextField askDeclaration = new TextField("Declaration item id");
    private final TextField askCompany = new TextField("Company id");
    private String openId;
    private RequestThreadPanel thread;
    private LiveListeners.Subscription listSubscription;

    public RequestsView(InformationRequests requests, DocumentService documents, AuthenticationContext authentication) {
        this.requests = requests;
        this.maxFileBytes = documents.maxDocumentBytes();
        this.viewer = authentication
                .getAuthenticatedUser(AccountPrincipal.class)
                .map(AccountPrincipal::account)
                .orElseThrow();
        setId("requests-view");
        var title = new H2(viewer.isTrader() ? "Requests from customs" : "Requests to traders");
        var intro = new Paragraph(
                viewer.isTrader()
                        ? "Questions customs asks your company about its declarations. Answer before the deadline, with"
                                + " text and files (photos, contracts, invoices); you also get each request by e-mail and"
                                + " may answer by replying to it."
                        : "Questions to the traders of a company about a declaration or the company, with a deadline."
                                + " Traders answer here or by e-mail; you are told when they do.");
        intro.getStyle().set("max-width", "60em");
        add(title, intro);
        if (!viewer.isTrader()) {
            add(askForm());
        }
        statusFilter.setId("requests-status");
        statusFilter.setLabel("Status");
        statusFilter.setItems("ALL", "OPEN", "ANSWERED", "OVERDUE", "CLOSED");
        statusFilter.setValue("ALL");
        statusFilter.addValueChangeListener(e -> showList());
        list.setId("requests-list");
        list.setWidthFull();
        detail.setId("request-detail");
        detail.setWidthFull();
        add(statusFilter, list, detail);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        openId = event.getRouteParameters().get("id").orElse(null);
        var query = event.getLocation().getQueryParameters();
        query.getSingleParameter("declaration").ifPresent(id -> {
            askDeclaration.setValue(id);
            askForm.setOpened(true);
        });
        query.getSingleParameter("company").ifPresent(id -> {
            askCompany.setValue(id);
            askForm.setOpened(true);
        });
        showList();
        showDetail();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        var ui = event.getUI();
        String key = viewer.isTrader()
                ? InformationRequests.companyKey(viewer.companyId())
                : InformationRequests.EVERY_REQUEST;
        listSubscription = requests.subscribe(
                key,
                id -> ui.access(() -> {
                    showList();
                    if (thread != null && id.equals(openId)) {
                        thread.refresh();
                    }
                }));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (listSubscription != null) {
            listSubscription.close();
            listSubscription = null;
        }
        super.onDetach(event);
    }

    private Details askForm() {
        var question = new TextArea("Question");
        question.setId("ask-question");
        question.setWidthFull();
        question.setMinHeight("6em");
        var deadline = new DatePicker("Answer by");
        deadline.setId("ask-deadline");
        deadline.setMin(today());
        deadline.setValue(today().plusDays(14));
        askDeclaration.setId("ask-declaration");
        askDeclaration.setHelperText("the trader asked is its domestic party, unless a company is named");
        askCompany.setId("ask-company");
        askCompany.setHelperText("for a question about the company, or one party of the declaration");
        var form = new FormLayout(askDeclaration, askCompany, deadline, question);
        form.setColspan(question, 2);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        var send = new Button("Send request", e -> {
            try {
                var asked = requests.ask(
                        viewer,
                        askDeclaration.getValue(),
                        askCompany.getValue(),
                        question.getValue(),
                        deadline.getValue());
                Notification.show("Sent " + asked.id() + " to the traders of " + asked.companyId());
                question.clear();
                askForm.setOpened(false);
                getUI().ifPresent(ui -> ui.navigate("requests/" + asked.id()));
            } catch (RefusedException ex) {
                Notification.show("Not sent: " + ex.getMessage());
            }
        });
        send.setId("ask-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var content = new VerticalLayout(form, send);
        content.setPadding(false);
        askForm.setSummaryText("Ask a trader");
        askForm.add(content);
        askForm.setId("ask-form");
        askForm.setWidthFull();
        return askForm;
    }

    private void showList() {
        list.removeAll();
        Status status = "ALL".equals(statusFilter.getValue()) ? null : Status.valueOf(statusFilter.getValue());
        var shown = requests.list(viewer, status, null, null);
        if (shown.isEmpty()) {
            var none = new Paragraph(
                    status == null
                            ? "No requests."
                            : "No requests " + status.name().toLowerCase() + ".");
            none.setId("requests-none");
            list.add(none);
            return;
        }
        shown.forEach(r -> list.add(card(r)));
    }

    private Div card(InformationRequest request) {
        var card = new Div();
        card.addClassName("request-card");
        if (request.id().equals(openId)) {
            card.addClassName("selected");
        }
        card.getElement().setAttribute("data-id", request.id());
        var head = new Div(new Span(about(request)), new Span(" "), statusBadge(request));
        head.getStyle().set("font-weight", "600");
        var question = new Div(excerpt(request.question()));
        question.getStyle()
                .set("white-space", "nowrap")
                .set("overflow", "hidden")
                .set("text-overflow", "ellipsis");
        var facts = new Div(new Span(request.id() + " · " + due(request)
                + (request.messages() == 0
                        ? ""
                        : " · " + request.messages() + (request.messages() == 1 ? " message" : " messages"))));
        facts.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        card.add(head, question, facts);
        card.addClickListener(e -> getUI().ifPresent(ui -> ui.navigate("requests/" + request.id())));
        return card;
    }

    private void showDetail() {
        detail.removeAll();
        thread = null;
        if (openId == null) {
            return;
        }
        thread = new RequestThreadPanel(requests, viewer, openId, maxFileBytes);
        detail.add(thread);
        detail.getElement().executeJs("this.scrollIntoView({block: 'start'})");
    }

    /** What a request is about, in a few words. */
    static String about(InformationRequest request) {
        String company = request.companyName().isBlank() ? request.companyId() : request.companyName();
        return request.declarationId() == null
                ? "About " + company
                : "Declaration " + request.declarationId() + " · " + company;
    }

    /** The status as a coloured badge. */
    static Span statusBadge(InformationRequest request) {
        var badge = new Span(request.status().name().toLowerCase());
        badge.getElement().getThemeList().add("badge pill small");
        switch (request.status()) {
            case OVERDUE -> badge.getElement().getThemeList().add("error");
            case ANSWERED -> badge.getElement().getThemeList().add("success");
            case CLOSED -> badge.getElement().getThemeList().add("contrast");
            case OPEN -> {}
        }
        badge.addClassName("request-status");
        return badge;
    }

    private static String due(InformationRequest request) {
        if (request.status() == Status.CLOSED) {
            return "closed";
        }
        long days = ChronoUnit.DAYS.between(today(), request.deadline());
        if (days < 0) {
            return "due " + request.deadline() + ", " + (-days) + (days == -1 ? " day" : " days") + " late";
        }
        return days == 0
                ? "due today"
                : "due " + request.deadline() + " (in " + days + (days == 1 ? " day)" : " days)");
    }

    private static String excerpt(String text) {
        String line = Optional.ofNullable(text).orElse("").strip().replace('\n', ' ');
        return line.length() <= 160 ? line : line.substring(0, 160) + " …";
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
