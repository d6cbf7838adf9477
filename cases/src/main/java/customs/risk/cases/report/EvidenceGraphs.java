package customs.risk.cases.report;

import customs.risk.engine.explore.EvidenceService;
import customs.risk.engine.explore.NodeRef;
import customs.risk.graph.access.Actor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * The evidence graph a case report draws for each of its entities: the subgraphs of the loops and
 * clusters behind the entity's reasons, as the network explorer draws them, merged into one.
 */
@Service
public class EvidenceGraphs {

    private final EvidenceService evidence;

    EvidenceGraphs(EvidenceService evidence) {
        this.evidence = evidence;
    }

    /** For {@link CaseReport#write}: an entity's {@code Label:key} to its evidence graph, as {@code actor} may see it. */
    public Function<String, ReportGraph> seenBy(Actor actor) {
        return entity -> NodeRef.parse(entity).map(ref -> graph(actor, ref)).orElse(ReportGraph.empty());
    }

    private ReportGraph graph(Actor actor, NodeRef ref) {
        var nodes = new LinkedHashMap<String, ReportGraph.Node>();
        var edges = new ArrayList<ReportGraph.Edge>();
        var drawn = new HashSet<String>();
        for (var finding : evidence.findings(ref)) {
            evidence.evidence(actor, finding.id()).ifPresent(found -> {
                found.nodes()
                        .forEach(n -> nodes.putIfAbsent(
                                n.ref().toString(), new ReportGraph.Node(n.ref().toString(), n.caption(), n.lane())));
                for (var edge : found.edges()) {
                    String source = edge.source().toString();
                    String target = edge.target().toString();
                    if (drawn.add(source + "|" + target + "|" + edge.label())) {
                        edges.add(new ReportGraph.Edge(source, target, edge.label()));
                    }
                }
            });
        }
        return nodes.isEmpty() ? ReportGraph.empty() : new ReportGraph(List.copyOf(nodes.values()), edges);
    }
}
