package customs.risk.app.security;

import static customs.risk.graph.access.Role.ADMIN;
import static customs.risk.graph.access.Role.INSPECTOR;
import static customs.risk.graph.access.Role.INVESTIGATOR;
import static customs.risk.graph.access.Role.RISK_OFFICER;
import static customs.risk.graph.access.Role.STAFF;
import static customs.risk.graph.access.Role.TRADER;

import customs.risk.graph.access.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may call which REST endpoint: one row per method and path, checked in order; anything under
 * {@code /api/} that no row names is refused, so a new endpoint is closed until it gets a row here.
 *
 * <p>Decisions: traders may not upload bundles (a bundle can describe other companies, people and
 * inspections, which a trader must not write), nor read rankings, statistics or documents; they read
 * and file their own company's declarations at {@code /api/my/declarations} (the form, the API and the
 * installed client), where a row their company is no party to, or another trader's item, is refused.
 * Inspectors, risk officers and administrators file inspection results (with photos) at
 * {@code /api/inspections}: inspectors record them in the form too; officers and administrators may
 * load them in bundles anyway. Investigators build cases and do not record outcomes. Inspectors see documents and statistics but not the
 * rankings, which steer selection. Traders have no part in cases. Administrators and risk officers
 * publish announcements and see who acknowledged them; everyone reads those addressed to them.
 * Everyone reads and sets their own e-mail address and notification choices at {@code /api/account}.
 * Administrators define acceptance surveys; they and risk officers read the results. Administrators
 * manage users and export the audit of that, and of each case. Requests for information are between
 * those who work cases (administrators, risk officers, investigators), who ask, follow up and close,
 * and traders, who read and answer their company's ({@code InformationRequests} decides which).
 */
final class ApiAccess {

    record Rule(HttpMethod method, String path, Set<Role> roles) {}

    private static final Set<Role> REQUEST_PARTIES = EnumSet.of(ADMIN, RISK_OFFICER, INVESTIGATOR, TRADER);

    static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.POST, "/api/bundles", EnumSet.of(ADMIN, RISK_OFFICER)),
            new Rule(HttpMethod.GET, "/api/bundles/**", EnumSet.of(ADMIN, RISK_OFFICER)),
            new Rule(HttpMethod.GET, "/api/risk/**", EnumSet.of(ADMIN, RISK_OFFICER, INVESTIGATOR)),
            // The network explorer's data: who explores networks in the UI may do so over REST.
            new Rule(HttpMethod.GET, "/api/network/**", EnumSet.of(ADMIN, RISK_OFFICER, INVESTIGATOR)),
            // Entity resolution: who works with networks reviews the pairs; risk officers run it.
            new Rule(HttpMethod.POST, "/api/resolution/run", EnumSet.of(ADMIN, RISK_OFFICER)),
            new Rule(HttpMethod.GET, "/api/resolution/**", EnumSet.of(ADMIN, RISK_OFFICER, INVESTIGATOR)),
            new Rule(HttpMethod.POST, "/api/resolution/pairs/**", EnumSet.of(ADMIN, RISK_OFFICER, INVESTIGATOR)),
            new Rule(HttpMethod.GET, "/api/stats", STAFF),
            new Rule(HttpMethod.POST, "/api/documents", STAFF),
            new Rule(HttpMethod.GET, "/api/documents/**", STAFF),
            new Rule(HttpMethod.GET, "/api/companies/*/documents", STAFF),
            new Rule(HttpMethod.GET, "/api/my/**", EnumSet.of(TRADER)),
            new Rule(HttpMethod.POST, "/api/my/declarations", EnumSet.of(TRADER)),
            new Rule(HttpMethod.POST, "/api/inspections", EnumSet.of(ADMIN, RISK_OFFICER, INSPECTOR)),
            // Staff watch and are alerted, each for themselves; traders watch nothing.
            new Rule(HttpMethod.GET, "/api/watches", STAFF),
            new Rule(HttpMethod.POST, "/api/watches", STAFF),
            new Rule(HttpMethod.PATCH, "/api/watches/*", STAFF),
            new Rule(HttpMethod.DELETE, "/api/watches/*", STAFF),
            new Rule(HttpMethod.GET, "/api/alerts", STAFF),
            new Rule(HttpMethod.GET, "/api/alerts/mail", STAFF),
            new Rule(HttpMethod.PUT, "/api/alerts/mail", STAFF),
            new Rule(HttpMethod.POST, "/api/alerts/ack", STAFF),
            new Rule(HttpMethod.GET, "/api/requests", REQUEST_PARTIES),
            new Rule(HttpMethod.GET, "/api/requests/*", REQUEST_PARTIES),
            new Rule(HttpMethod.POST, "/api/requests", EnumSet.of(ADMIN, RISK_OFFICER, INVESTIGATOR)),
            new Rule(HttpMethod.POST, "/api/requests/*/messages", REQUEST_PARTIES),
            new Rule(HttpMethod.POST, "/api/requests/*/close", EnumSet.of(ADMIN, RISK_OFFICER, INVESTIGATOR)),
            // A case's audit trail leaves the building only through an administrator.
            new Rule(HttpMethod.GET, "/api/cases/*/audit", EnumSet.of(ADMIN)),
            // Staff only; which cases each may see is the case team's affair (CaseService).
            new Rule(HttpMethod.GET, "/api/cases", STAFF),
            new Rule(HttpMethod.POST, "/api/cases", STAFF),
            new Rule(HttpMethod.GET, "/api/cases/**", STAFF),
            new Rule(HttpMethod.POST, "/api/cases/**", STAFF),
            new Rule(HttpMethod.PATCH, "/api/cases/**", STAFF),
            new Rule(HttpMethod.DELETE, "/api/cases/**", STAFF),
            // Everyone reads and acknowledges what is addressed to them (AnnouncementService decides what).
            new Rule(HttpMethod.POST, "/api/announcements", EnumSet.of(ADMIN, RISK_OFFICER)),
            new Rule(HttpMethod.GET, "/api/announcements/*/acks", EnumSet.of(ADMIN, RISK_OFFICER)),
            new Rule(HttpMethod.GET, "/api/announcements", EnumSet.allOf(Role.class)),
            new Rule(HttpMethod.POST, "/api/announcements/*/ack", EnumSet.allOf(Role.class)),
            new Rule(HttpMethod.GET, "/api/users", EnumSet.of(ADMIN)),
            new Rule(HttpMethod.POST, "/api/users", EnumSet.of(ADMIN)),
            new Rule(HttpMethod.PATCH, "/api/users/*", EnumSet.of(ADMIN)),
            new Rule(HttpMethod.GET, "/api/admin/audit", EnumSet.of(ADMIN)),
            new Rule(HttpMethod.GET, "/api/account", EnumSet.allOf(Role.class)),
            new Rule(HttpMethod.PATCH, "/api/account", EnumSet.allOf(Role.class)),
            // Administrators define, open and close surveys; they and risk officers read the results.
            // Everyone may list and answer the surveys open to their role (SurveyService decides which).
            new Rule(HttpMethod.GET, "/api/surveys/*/statistics", EnumSet.of(ADMIN, RISK_OFFICER)),
            new Rule(HttpMethod.GET, "/api/surveys/*/results.csv", EnumSet.of(ADMIN, RISK_OFFICER)),
            new Rule(HttpMethod.GET, "/api/surveys/*/results.xlsx", EnumSet.of(ADMIN, RISK_OFFICER)),
            new Rule(HttpMethod.POST, "/api/surveys/*/answers", EnumSet.allOf(Role.class)),
            new Rule(HttpMethod.POST, "/api/surveys", EnumSet.of(ADMIN)),
            new Rule(HttpMethod.PUT, "/api/surveys/*", EnumSet.of(ADMIN)),
            new Rule(HttpMethod.PUT, "/api/surveys/*/roles", EnumSet.of(ADMIN)),
            new Rule(HttpMethod.POST, "/api/surveys/*/open", EnumSet.of(ADMIN)),
            new Rule(HttpMethod.POST, "/api/surveys/*/close", EnumSet.of(ADMIN)),
            new Rule(HttpMethod.GET, "/api/surveys", EnumSet.allOf(Role.class)),
            new Rule(HttpMethod.GET, "/api/surveys/*", EnumSet.allOf(Role.class)));

    private ApiAccess() {}

    static void apply(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry) {
        for (Rule rule : RULES) {
            registry.requestMatchers(rule.method(), rule.path()).hasAnyRole(Role.names(rule.roles()));
        }
        registry.anyRequest().denyAll();
    }
}
