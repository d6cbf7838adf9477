package customs.risk.cases.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * Draws a {@link ReportGraph} into a block of the report: the entity's own node in the middle (when
 * the graph holds it), the other nodes on an ellipse around it in their given order (half on each
 * side, evenly spaced in height so that the wide, low boxes do not overlap), each a rounded
 * box in its lane's colour with its label; each edge a line with an arrowhead from box edge to box
 * edge and its label at the middle. A pair of opposite edges is drawn as two lines side by side.
 * Labels are cut to fit; the report lists every edge in full under the drawing.
 *
 * <p>A circle layout is O(n + m) and needs no iteration; it stays readable up to a few dozen nodes,
 * which is why at most {@link #MAX_NODES} are drawn, and the drawing grows in height with them.
 */
final class EvidenceDrawing {

    static final int MAX_NODES = 24;

    /** Height of a drawing, and of one with many nodes. */
    private static final float HEIGHT = 220;

    private static final float MAX_HEIGHT = 600;

    /** Room from one box to the next on a side of the ellipse. */
    private static final float SPACING = 44;

    private static final float NODE_FONT = 7;
    private static final float EDGE_FONT = 6;
    private static final float BOX_HEIGHT = 16;
    private static final float BOX_MAX_WIDTH = 120;
    private static final float PAD = 5;
    private static final float ARROW = 7;
    private static final float PARALLEL_OFFSET = 4;

    private static final float[] RED = rgb(0xd93025);
    private static final float[] YELLOW = rgb(0xf2b600);
    private static final float[] GREEN = rgb(0x3c9a4f);
    private static final float[] GREY = rgb(0x9aa0a6);
    private static final float[] DARK = rgb(0x202124);
    private static final float[] WHITE = {1, 1, 1};
    private static final float[] LINE = rgb(0x5f6368);

    private record Box(String label, float x, float y, float width, float[] fill, float[] ink) {}

    private EvidenceDrawing() {}

    /** The nodes that are drawn: the first {@link #MAX_NODES}, the focus among them. */
    static List<ReportGraph.Node> drawn(ReportGraph graph, String focus) {
        var nodes = graph.nodes();
        if (nodes.size() <= MAX_NODES) {
            return nodes;
        }
        var first = new ArrayList<>(nodes.subList(0, MAX_NODES));
        nodes.stream()
                .filter(n -> n.id().equals(focus) && !first.contains(n))
                .findFirst()
                .ifPresent(n -> first.set(MAX_NODES - 1, n));
        return first;
    }

    /** How high the drawing of the graph is, in points: enough to keep the boxes on each side apart. */
    static float height(ReportGraph graph, String focus) {
        int side = (ring(drawn(graph, focus), focus).size() + 1) / 2;
        return Math.clamp(side * SPACING + BOX_HEIGHT + 2 * PAD, HEIGHT, MAX_HEIGHT);
    }

    private static List<ReportGraph.Node> ring(List<ReportGraph.Node> drawn, String focus) {
        return drawn.stream().filter(n -> !n.id().equals(focus)).toList();
    }

    /** Draws the graph as the next block of the pages, {@link #height} points high. */
    static void draw(ReportPages pages, ReportGraph graph, String focus) {
        var nodes = drawn(graph, focus);
        float height = height(graph, focus);
        float bottom = pages.block(height);
        var canvas = pages.canvas();
        var font = pages.regular();
        float left = ReportPages.left();
        float width = ReportPages.width();
        try {
            frame(canvas, left, bottom, width, height);
            float cx = left + width / 2;
            float cy = bottom + height / 2;
            var ring = ring(nodes, focus);
            boolean alone = ring.size() == 1 && nodes.size() == 1;
            int right = (ring.size() + 1) / 2;
            float rx = width / 2 - BOX_MAX_WIDTH / 2 - PAD;
            float ry = height / 2 - BOX_HEIGHT / 2 - PAD;
            var boxes = new HashMap<String, Box>();
            for (var node : nodes) {
                float x = cx;
                float y = cy;
                int i = ring.indexOf(node);
                if (i >= 0 && !alone) {
                    // Clockwise from the top: down the right half of the ellipse, then up the left
                    // half, evenly spaced in height rather than in angle, because the boxes are wide
                    // and low: neighbours never sit side by side at the same height.
                    boolean onRight = i < right;
                    int count = onRight ? right : ring.size() - right;
                    int k = onRight ? i : i - right;
                    float t = 1 - 2f * (k + 0.5f) / count;
                    y = cy + ry * (onRight ? t : -t);
                    x = cx + (onRight ? 1 : -1) * rx * (float) Math.sqrt(Math.max(0, 1 - t * t));
                }
                String label = ReportPages.truncated(node.label(), font, NODE_FONT, BOX_MAX_WIDTH - 2 * PAD);
                float boxWidth = font.width(label, NODE_FONT) + 2 * PAD;
                float[] fill = fill(node.lane());
                boxes.put(
                        node.id(), new Box(label, x, y, boxWidth, fill, fill == YELLOW || fill == GREY ? DARK : WHITE));
            }
            Set<String> pairs = new HashSet<>();
            graph.edges().forEach(e -> pairs.add(e.source() + "\u0000" + e.target()));
            for (var edge : graph.edges()) {
                Box from = boxes.get(edge.source());
                Box to = boxes.get(edge.target());
                if (from != null && to != null && from != to) {
                    boolean opposite = pairs.contains(edge.target() + "\u0000" + edge.source());
                    edge(pages, from, to, edge.label(), opposite ? PARALLEL_OFFSET : 0);
                }
            }
            for (var box : boxes.values()) {
                node(pages, box);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void frame(PDPageContentStream canvas, float x, float y, float width, float height)
            throws IOException {
        canvas.setStrokingColor(0.85f, 0.86f, 0.87f);
        canvas.setLineWidth(0.5f);
        canvas.addRect(x, y, width, height);
        canvas.stroke();
    }

    private static void node(ReportPages pages, Box box) throws IOException {
        var canvas = pages.canvas();
        canvas.setNonStrokingColor(box.fill()[0], box.fill()[1], box.fill()[2]);
        roundedRect(canvas, box.x() - box.width() / 2, box.y() - BOX_HEIGHT / 2, box.width(), BOX_HEIGHT, 5);
        canvas.fill();
        pages.text(
                box.label(),
                pages.regular(),
                NODE_FONT,
                box.x() - box.width() / 2 + PAD,
                box.y() - NODE_FONT / 2 + 1,
                box.ink());
    }

    /** A line from the edge of one box to the edge of the other, shifted sideways by {@code offset}. */
    private static void edge(ReportPages pages, Box from, Box to, String label, float offset) throws IOException {
        var canvas = pages.canvas();
        float dx = to.x() - from.x();
        float dy = to.y() - from.y();
        float length = (float) Math.hypot(dx, dy);
        float ux = dx / length;
        float uy = dy / length;
        // To the right of the direction of travel, so the two lines of an opposite pair part.
        float sx = uy * offset;
        float sy = -ux * offset;
        float start = reach(from, ux, uy);
        float end = length - reach(to, ux, uy);
        if (end - start < ARROW) {
            return;
        }
        float x1 = from.x() + sx + ux * start;
        float y1 = from.y() + sy + uy * start;
        float x2 = from.x() + sx + ux * end;
        float y2 = from.y() + sy + uy * end;
        canvas.setStrokingColor(LINE[0], LINE[1], LINE[2]);
        canvas.setNonStrokingColor(LINE[0], LINE[1], LINE[2]);
        canvas.setLineWidth(0.8f);
        canvas.moveTo(x1, y1);
        canvas.lineTo(x2 - ux * ARROW, y2 - uy * ARROW);
        canvas.stroke();
        canvas.moveTo(x2, y2);
        canvas.lineTo(x2 - ux * ARROW - uy * ARROW / 2.5f, y2 - uy * ARROW + ux * ARROW / 2.5f);
        canvas.lineTo(x2 - ux * ARROW + uy * ARROW / 2.5f, y2 - uy * ARROW - ux * ARROW / 2.5f);
        canvas.closePath();
        canvas.fill();
        if (!label.isBlank()) {
            var font = pages.regular();
            String text = ReportPages.truncated(label, font, EDGE_FONT, Math.max(40, Math.min(160, end - start - 10)));
            float textWidth = font.width(text, EDGE_FONT);
            // Opposite edges put their labels on their own side.
            float mx = (x1 + x2) / 2 + sx * 2.5f;
            float my = (y1 + y2) / 2 + sy * 2.5f;
            canvas.setNonStrokingColor(1f, 1f, 1f);
            canvas.addRect(mx - textWidth / 2 - 1.5f, my - EDGE_FONT / 2 - 1.5f, textWidth + 3, EDGE_FONT + 3);
            canvas.fill();
            pages.text(text, font, EDGE_FONT, mx - textWidth / 2, my - EDGE_FONT / 2 + 1, DARK);
        }
    }

    /** How far from a box's centre its border lies in direction (ux, uy). */
    private static float reach(Box box, float ux, float uy) {
        float halfWidth = box.width() / 2 + 1;
        float halfHeight = BOX_HEIGHT / 2 + 1;
        float tx = ux == 0 ? Float.MAX_VALUE : halfWidth / Math.abs(ux);
        float ty = uy == 0 ? Float.MAX_VALUE : halfHeight / Math.abs(uy);
        return Math.min(tx, ty);
    }

    private static void roundedRect(PDPageContentStream canvas, float x, float y, float w, float h, float r)
            throws IOException {
        // Quarter circles as cubic Béziers: control points at 0.552 of the radius.
        float k = 0.552f * r;
        canvas.moveTo(x + r, y);
        canvas.lineTo(x + w - r, y);
        canvas.curveTo(x + w - r + k, y, x + w, y + r - k, x + w, y + r);
        canvas.lineTo(x + w, y + h - r);
        canvas.curveTo(x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
        canvas.lineTo(x + r, y + h);
        canvas.curveTo(x + r - k, y + h, x, y + h - r + k, x, y + h - r);
        canvas.lineTo(x, y + r);
        canvas.curveTo(x, y + r - k, x + r - k, y, x + r, y);
        canvas.closePath();
    }

    private static float[] fill(String lane) {
        return switch (lane.toUpperCase(Locale.ROOT)) {
            case "RED" -> RED;
            case "YELLOW" -> YELLOW;
            case "GREEN" -> GREEN;
            default -> GREY;
        };
    }

    private static float[] rgb(int rgb) {
        return new float[] {((rgb >> 16) & 0xff) / 255f, ((rgb >> 8) & 0xff) / 255f, (rgb & 0xff) / 255f};
    }

    static Map<String, ReportGraph.Node> byId(ReportGraph graph) {
        var byId = new HashMap<String, ReportGraph.Node>();
        graph.nodes().forEach(n -> byId.put(n.id(), n));
        return byId;
    }
}
