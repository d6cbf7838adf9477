package customs.risk.app.alerts;

import customs.risk.cases.alerts.Alert;
import customs.risk.cases.alerts.AlertService;
import customs.risk.cases.alerts.Watch;
import customs.risk.cases.team.AccountPrincipal;
import customs.risk.engine.ranking.Lane;
import customs.risk.engine.ranking.RankingFilter;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Watches and alerts over REST, each user their own: watch a company, a person, a saved declaration
 * filter or a saved document search; mute, set thresholds and mail; read alerts in groups and
 * acknowledge them.
 */
@RestController
class AlertsController {

    private static final int MAX_PAGE = 200;

    private final AlertService alerts;

    AlertsController(AlertService alerts) {
        this.alerts = alerts;
    }

    /**
     * A new watch. {@code kind} ENTITY with {@code entity} ({@code Company:ID}, {@code Person:ID});
     * FILTER with {@code filter} ({@code lane}, {@code hs}, {@code office}, {@code country},
     * {@code from}, {@code to}, {@code minScore}); SEARCH with {@code search} ({@code text},
     * {@code types}, {@code hs}).
     */
    record WatchBody(
            String kind,
            String entity,
            String label,
            Map<String, String> filter,
            Map<String, Object> search,
            String laneAtLeast,
            Double scoreAtLeast,
            String mail) {}

    record WatchChange(Boolean muted, String mail, String laneAtLeast, Double scoreAtLeast) {}

    record Acknowledge(String id) {}

    record MailChoice(String mail) {}

    @GetMapping("/api/watches")
    List<Watch> watches(@AuthenticationPrincipal AccountPrincipal user) {
        return alerts.watches(user.actor());
    }

    @PostMapping("/api/watches")
    ResponseEntity<Watch> watch(@AuthenticationPrincipal AccountPrincipal user, @RequestBody WatchBody body) {
        var request = new Watch.Request(
                parse(Watch.Kind.class, body.kind(), "kind"),
                body.entity(),
                filter(body.filter()),
                search(body.search()),
                body.label(),
                parse(Lane.class, body.laneAtLeast(), "laneAtLeast"),
                body.scoreAtLeast(),
                body.mail() == null ? Watch.Mail.ACCOUNT : parse(Watch.Mail.class, body.mail(), "mail"));
        try {
            return ResponseEntity.status(HttpStatus.CREATED).body(alerts.watch(user.actor(), request));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(
                    e.getMessage().startsWith("no ") ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @PatchMapping("/api/watches/{id}")
    Watch change(
            @AuthenticationPrincipal AccountPrincipal user, @PathVariable String id, @RequestBody WatchChange body) {
        try {
            return alerts.change(
                            user.actor(),
                            id,
                            body.muted(),
                            parse(Watch.Mail.class, body.mail(), "mail"),
                            parse(Lane.class, body.laneAtLeast(), "laneAtLeast"),
                            body.scoreAtLeast())
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no watch " + id));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @DeleteMapping("/api/watches/{id}")
    ResponseEntity<Void> unwatch(@AuthenticationPrincipal AccountPrincipal user, @PathVariable String id) {
        try {
            if (!alerts.unwatch(user.actor(), id)) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no watch " + id);
            }
        } catch (IllegalStateException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
        }
        return ResponseEntity.noContent().build();
    }

    /** The caller's alerts in groups, newest first, with the unread count. */
    @GetMapping("/api/alerts")
    Map<String, Object> alerts(
            @AuthenticationPrincipal AccountPrincipal user,
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "offset must be >= 0 and limit within 1.." + MAX_PAGE);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("unread", alerts.unread(user.actor()));
        List<Alert.Group> groups = alerts.groups(user.actor(), unread, offset, limit);
        body.put("groups", groups.stream().map(AlertsController::group).toList());
        return body;
    }

    /** Acknowledges one alert or group ({@code id}), or all of the caller's without one. */
    @PostMapping("/api/alerts/ack")
    Map<String, Object> acknowledge(
            @AuthenticationPrincipal AccountPrincipal user, @RequestBody(required = false) Acknowledge body) {
        int acknowledged = alerts.acknowledge(user.actor(), body == null ? null : body.id());
        return Map.of("acknowledged", acknowledged, "unread", alerts.unread(user.actor()));
    }

    @GetMapping("/api/alerts/mail")
    MailChoice mailChoice(@AuthenticationPrincipal AccountPrincipal user) {
        return new MailChoice(alerts.mailChoice(user.actor().username()).name());
    }

    /** How the caller gets alert mail by default: {@code OFF}, {@code IMMEDIATE} or {@code DIGEST}. */
    @PutMapping("/api/alerts/mail")
    MailChoice setMailChoice(@AuthenticationPrincipal AccountPrincipal user, @RequestBody MailChoice body) {
        try {
            alerts.setMailChoice(user.actor().username(), parse(Watch.Mail.class, body.mail(), "mail"));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return mailChoice(user);
    }

    private static Map<String, Object> group(Alert.Group g) {
        var body = new LinkedHashMap<String, Object>();
        body.put("group", g.group());
        body.put("headline", g.headline());
        body.put("kind", g.kind());
        body.put("about", g.about());
        body.put("watchId", g.watchId());
        body.put("count", g.count());
        body.put("unread", g.unread());
        body.put("latest", g.latest());
        body.put("alerts", g.alerts());
        return body;
    }

    private static RankingFilter filter(Map<String, String> f) {
        if (f == null) {
            return null;
        }
        try {
            return new RankingFilter(
                    parse(Lane.class, f.get("lane"), "filter.lane"),
                    f.get("hs"),
                    f.get("office"),
                    f.get("country") == null ? null : f.get("country").toUpperCase(Locale.ROOT),
                    f.get("from") == null ? null : LocalDate.parse(f.get("from")),
                    f.get("to") == null ? null : LocalDate.parse(f.get("to")),
                    f.get("minScore") == null ? null : Double.valueOf(f.get("minScore")));
        } catch (java.time.format.DateTimeParseException | NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "filter: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Watch.SavedSearch search(Map<String, Object> s) {
        if (s == null) {
            return null;
        }
        Object types = s.get("types");
        return new Watch.SavedSearch(
                (String) s.get("text"), types instanceof List<?> list ? (List<String>) list : null, (String)
                        s.get("hs"));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST,
                    field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", not " + value);
        }
    }
}
