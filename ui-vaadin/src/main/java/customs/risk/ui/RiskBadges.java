package customs.risk.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import customs.risk.engine.explore.NodeRef;
import java.util.List;

/** How scores, lanes, reasons and entity links look everywhere in the UI. */
public final class RiskBadges {

    private RiskBadges() {}

    public static Span lane(String lane) {
        var badge = new Span(lane == null || lane.isEmpty() ? "not scored" : lane.toLowerCase());
        badge.addClassNames("lane", "lane-" + lane);
        return badge;
    }

    /** The first {@code max} reasons as chips, each with its full text as a tooltip. */
    public static Div reasons(List<String> reasons, int max) {
        var chips = new Div();
        reasons.stream().limit(max).forEach(reason -> {
            var chip = new Span(reason);
            chip.addClassName("chip");
            chip.setTitle(reason);
            chips.add(chip);
        });
        if (reasons.size() > max) {
            var more = new Span("+" + (reasons.size() - max));
            more.addClassName("chip");
            more.setTitle(String.join("\n", reasons.subList(max, reasons.size())));
            chips.add(more);
        }
        return chips;
    }

    public static String score(double score) {
        return Double.isNaN(score) ? "-" : String.format("%.3f", score);
    }

    /** The readable URL of an entity's page, e.g. {@code /entity/Company/476-87-16904}. */
    public static String href(NodeRef ref) {
        return "/entity/" + ref.label() + "/" + ref.key();
    }

    /** Where pages link to download a filed document with the signed-in session. */
    public static String documentHref(String documentId) {
        return "/download/documents/" + java.net.URLEncoder.encode(documentId, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static Anchor link(NodeRef ref, String text) {
        return new Anchor(href(ref), text);
    }
}
