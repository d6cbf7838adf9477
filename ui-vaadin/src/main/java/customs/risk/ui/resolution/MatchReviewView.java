package customs.risk.ui.resolution;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.engine.resolution.CompanyRecord;
import customs.risk.engine.resolution.FieldMatch;
import customs.risk.engine.resolution.MatchStatus;
import customs.risk.engine.resolution.ResolutionService;
import customs.risk.engine.resolution.ResolutionService.Review;
import customs.risk.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.function.Function;

/**
 * The review queue of entity resolution: the pairs of company records the model could not decide,
 * most probable first; each opens side by side with every field marked as the same, similar,
 * different or missing. A person accepts (one firm), rejects (different firms) or marks it unsure;
 * every decision says who and when, can be undone, and is never asked again.
 */
@Route(value = "resolution", layout = MainLayout.class)
@PageTitle("Entity resolution | Customs risk")
@RolesAllowed({"ADMIN", "RISK_OFFICER", "INVESTIGATOR"})
public class MatchReviewView extends VerticalLayout {

    static final int PAGE = 200;

    private final ResolutionService resolution;
    private final AuthenticationContext authentication;
    private final Select<MatchStatus> status = new Select<>();
    private final Span counts = new Span();
    private final Grid<Review> queue = new Grid<>();
    private final VerticalLayout pair = new VerticalLayout();
    private Notification notice;
    private Button noticeUndo = new Button();

    public MatchReviewView(ResolutionService resolution, AuthenticationContext authentication) {
        this.resolution = resolution;
        this.authentication = authentication;
        setId("resolution-view");
        setSizeFull();

        status.setId("resolution-status-filter");
        status.setLabel("Show");
        status.setItems(
                MatchStatus.PENDING, MatchStatus.ACCEPTED, MatchStatus.REJECTED, MatchStatus.UNSURE, MatchStatus.AUTO);
        status.setItemLabelGenerator(MatchReviewView::label);
        status.setValue(MatchStatus.PENDING);
        status.addValueChangeListener(e -> refresh(null));
        counts.setId("resolution-counts");
        counts.getStyle().set("color", "var(--lumo-secondary-text-color)");
        var header = new HorizontalLayout(new H2("Entity resolution"), status, counts);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        header.setWidthFull();

        queue.setId("resolution-queue");
        queue.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        queue.addComponentColumn(r -> {
                    var names = new Div(new Div(name(r.left())), new Div(name(r.right())));
                    names.getStyle().set("white-space", "normal").set("line-height", "1.4");
                    return names;
                })
                .setHeader("Records")
                .setFlexGrow(1);
        queue.addColumn(r -> String.format("%.2f", r.probability()))
                .setHeader("Match")
                .setWidth("5em")
                .setFlexGrow(0);
        queue.setSelectionMode(Grid.SelectionMode.SINGLE);
        queue.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
        queue.setWidth("40%");
        queue.setHeightFull();

        pair.setId("resolution-pair");
        pair.setPadding(false);
        pair.setWidth("60%");
        pair.getStyle().set("overflow", "auto");
        var body = new HorizontalLayout(queue, pair);
        body.setSizeFull();
        add(header, body);
        setFlexGrow(1, body);
        refresh(null);
    }

    private static String label(MatchStatus s) {
        return switch (s) {
            case PENDING -> "To review";
            case ACCEPTED -> "Accepted: one firm";
            case REJECTED -> "Rejected: different firms";
            case UNSURE -> "Unsure";
            case AUTO -> "Merged by the model";
        };
    }

    private static String name(CompanyRecord r) {
        return (r.name() == null ? "(no name)" : r.name()) + " · " + r.id();
    }

    /** Reloads the list and counts; selects {@code next} (or the first) when it is listed. */
    private void refresh(Review next) {
        var c = resolution.counts();
        counts.setText(String.format(
                "%,d to review · %,d merged by the model · %,d accepted · %,d rejected · %,d unsure",
                c.get(MatchStatus.PENDING),
                c.get(MatchStatus.AUTO),
                c.get(MatchStatus.ACCEPTED),
                c.get(MatchStatus.REJECTED),
                c.get(MatchStatus.UNSURE)));
        var items = resolution.queue(status.getValue(), 0, PAGE);
        queue.setItems(items);
        Review select = items.isEmpty() ? null : items.getFirst();
        if (next != null) {
            select = items.stream().filter(r -> same(r, next)).findFirst().orElse(select);
        }
        if (select != null) {
            queue.select(select);
        } else {
            show(null);
        }
    }

    private static boolean same(Review a, Review b) {
        return a.left().id().equals(b.left().id())
                && a.right().id().equals(b.right().id());
    }

    private void show(Review review) {
        pair.removeAll();
        if (review == null) {
            var empty = new Paragraph(
                    status.getValue() == MatchStatus.PENDING
                            ? "Nothing to review. New bundles are resolved as they load; ./risk resolve runs it all again."
                            : "No pairs here.");
            empty.setId("resolution-empty");
            pair.add(empty);
            return;
        }
        var title = new H3(String.format("Match probability %.2f", review.probability()));
        var state = new Span(stateText(review));
        state.setId("resolution-pair-status");
        state.getElement().setAttribute("data-status", review.status().name());
        pair.add(title, state);
        if (review.veto() != null) {
            var veto = new Paragraph("Never merged by the model: " + review.veto());
            veto.getStyle().set("color", "var(--lumo-error-text-color)");
            pair.add(veto);
        }
        if (review.note() != null) {
            pair.add(new Paragraph(review.note()));
        }
        pair.add(sideBySide(review), actions(review));
        if (!review.history().isEmpty()) {
            var history = new UnorderedList();
            history.setId("resolution-history");
            for (String h : review.history()) {
                String[] parts = h.split("\\|", 3);
                history.add(new ListItem(
                        parts.length == 3
                                ? parts[0].replace('T', ' ').replaceAll("\\.\\d+Z$", "Z") + " " + parts[1] + ": "
                                        + label(MatchStatus.valueOf(parts[2]))
                                : h));
            }
            pair.add(new H3("Decisions"), history);
        }
    }

    private static String stateText(Review review) {
        return switch (review.status()) {
            case PENDING -> "Waiting for a decision";
            case AUTO -> "Merged by the model";
            default ->
                label(review.status()) + " by " + review.decidedBy() + " at "
                        + review.decidedAt().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
        };
    }

    /** The two records field by field, each row marked by how the fields compare. */
    private Component sideBySide(Review review) {
        var table = new Div();
        table.setId("resolution-fields");
        table.getStyle()
                .set("display", "grid")
                .set("grid-template-columns", "9em 1fr 1fr 7em")
                .set("gap", "var(--lumo-space-xs) var(--lumo-space-m)")
                .set("align-items", "baseline");
        table.add(new Span(), recordLink(review.left()), recordLink(review.right()), new Span());
        for (FieldMatch f : review.fields()) {
            Function<CompanyRecord, String> value = switch (f.field()) {
                case "name" -> CompanyRecord::name;
                case "address" -> CompanyRecord::address;
                case "phone" -> CompanyRecord::phone;
                case "email" -> CompanyRecord::email;
                case "registration" -> CompanyRecord::registrationNumber;
                case "country" -> CompanyRecord::country;
                case "lifetime" ->
                    r -> (r.registeredOn() == null ? "?" : r.registeredOn().toString())
                            + (r.dissolvedOn() == null ? " –" : " – " + r.dissolvedOn());
                default -> null;
            };
            String[] normalised = f.detail().split(" / ", 2);
            String left = value != null ? value.apply(review.left()) : normalised[0];
            String right =
                    value != null ? value.apply(review.right()) : normalised.length > 1 ? normalised[1] : normalised[0];
            var verdict = new Span(verdictText(f));
            verdict.getElement().getThemeList().add("badge small " + verdictTheme(f.verdict()));
            var row = List.of(cell(f.field(), true), cell(left, false), cell(right, false), verdict);
            row.forEach(c -> {
                c.getElement().setAttribute("data-field", f.field());
                c.getElement().setAttribute("data-verdict", f.verdict().name());
            });
            row.get(0).setId("resolution-field-" + f.field().replace(' ', '-'));
            table.add(row.toArray(Component[]::new));
        }
        return table;
    }

    private static String verdictText(FieldMatch f) {
        return switch (f.verdict()) {
            case SAME -> "same";
            case SIMILAR ->
                f.similarity() > 0 && f.similarity() < 1 ? String.format("similar %.2f", f.similarity()) : "similar";
            case DIFFERENT -> "different";
            case MISSING -> "missing";
        };
    }

    private static String verdictTheme(FieldMatch.Verdict v) {
        return switch (v) {
            case SAME -> "success";
            case SIMILAR -> "contrast";
            case DIFFERENT -> "error";
            case MISSING -> "";
        };
    }

    private static Component cell(String text, boolean heading) {
        var span = new Span(text == null || text.isBlank() ? "–" : text);
        if (heading) {
            span.getStyle().set("font-weight", "600").set("color", "var(--lumo-secondary-text-color)");
        }
        return span;
    }

    private static Component recordLink(CompanyRecord r) {
        var link = new Anchor("/entity/Company/" + r.id(), r.id());
        link.getStyle().set("font-weight", "600");
        return link;
    }

    private Component actions(Review review) {
        var accept = new Button("Same firm", e -> decide(review, MatchStatus.ACCEPTED));
        accept.setId("resolution-accept");
        accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var reject = new Button("Different firms", e -> decide(review, MatchStatus.REJECTED));
        reject.setId("resolution-reject");
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        var unsure = new Button("Unsure", e -> decide(review, MatchStatus.UNSURE));
        unsure.setId("resolution-unsure");
        var undo = new Button("Undo decision", e -> decide(review, MatchStatus.PENDING));
        undo.setId("resolution-undo");
        var bar = new HorizontalLayout();
        if (review.status().decided()) {
            bar.add(undo);
        } else {
            bar.add(accept, reject, unsure);
        }
        return bar;
    }

    private void decide(Review review, MatchStatus decision) {
        String a = review.left().id();
        String b = review.right().id();
        if (!resolution.decide(a, b, decision, user())) {
            Notification.show("This pair is gone: run resolution again.")
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            refresh(null);
            return;
        }
        String what = decision == MatchStatus.PENDING
                ? "Decision undone: " + a + " and " + b + " wait for review again"
                : label(decision) + ": " + a + " and " + b;
        // One notice at a time: its Undo always means the last decision. A closed notice may linger in
        // the page a moment; its button gives up the id.
        if (notice != null) {
            notice.close();
            notice.getElement().removeAttribute("id");
            noticeUndo.getElement().removeAttribute("id");
            noticeUndo.setEnabled(false);
        }
        var note = new Notification();
        notice = note;
        note.setId("resolution-notice");
        note.setDuration(6000);
        var text = new Span(what);
        if (decision != MatchStatus.PENDING) {
            var undo = new Button("Undo", e -> {
                note.close();
                decide(review, MatchStatus.PENDING);
            });
            undo.setId("resolution-notice-undo");
            noticeUndo = undo;
            undo.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            note.add(new HorizontalLayout(text, undo));
        } else {
            note.add(text);
        }
        note.open();
        // The next pair in the queue comes up; a decided pair shows its decision when it is listed.
        refresh(resolution.review(a, b).orElse(null));
    }

    private String user() {
        return authentication.getPrincipalName().orElse("anonymous");
    }
}
