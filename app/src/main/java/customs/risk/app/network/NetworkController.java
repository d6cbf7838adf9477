package customs.risk.app.network;

import customs.risk.cases.team.AccountPrincipal;
import customs.risk.engine.explore.EntityService;
import customs.risk.engine.explore.EntityService.TimelineKind;
import customs.risk.engine.explore.EvidenceService;
import customs.risk.engine.explore.GraphExport;
import customs.risk.engine.explore.NetworkService;
import customs.risk.engine.explore.NodeRef;
import java.util.EnumSet;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The investigation views' data over REST, for the installed client: an entity's trade partners and
 * control links (aggregated edges, a page at a time), the evidence behind its loop and cluster
 * reasons, its timeline, and a finding's subgraph as GraphML.
 */
@RestController
@RequestMapping("/api/network")
class NetworkController {

    private static final int MAX_PAGE = 500;

    private final NetworkService network;
    private final EvidenceService evidence;
    private final EntityService entities;

    NetworkController(NetworkService network, EvidenceService evidence, EntityService entities) {
        this.network = network;
        this.evidence = evidence;
        this.entities = entities;
    }

    @GetMapping("/entities/{label}/{key}/partners")
    NetworkService.Expansion partners(
            @AuthenticationPrincipal AccountPrincipal user,
            @PathVariable String label,
            @PathVariable String key,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        checkPage(offset, limit);
        return network.partners(user.actor(), existing(user, label, key), offset, limit);
    }

    @GetMapping("/entities/{label}/{key}/controls")
    NetworkService.Expansion controls(
            @AuthenticationPrincipal AccountPrincipal user,
            @PathVariable String label,
            @PathVariable String key,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        checkPage(offset, limit);
        return network.controls(user.actor(), existing(user, label, key), offset, limit);
    }

    /** Every loop and cluster behind the entity's reasons, each with its subgraph. */
    @GetMapping("/entities/{label}/{key}/evidence")
    List<EvidenceService.Evidence> evidence(
            @AuthenticationPrincipal AccountPrincipal user, @PathVariable String label, @PathVariable String key) {
        var ref = existing(user, label, key);
        return evidence.findings(ref).stream()
                .flatMap(f -> evidence.evidence(user.actor(), f.id()).stream())
                .toList();
    }

    @GetMapping("/entities/{label}/{key}/timeline")
    List<EntityService.TimelineEvent> timeline(
            @AuthenticationPrincipal AccountPrincipal user,
            @PathVariable String label,
            @PathVariable String key,
            @RequestParam(required = false) List<TimelineKind> kind,
            @RequestParam(defaultValue = "200") int limit) {
        checkPage(0, limit);
        var kinds = kind == null || kind.isEmpty() ? EnumSet.allOf(TimelineKind.class) : EnumSet.copyOf(kind);
        return entities.timeline(user.actor(), existing(user, label, key), kinds, limit);
    }

    @GetMapping("/findings/{id}")
    EvidenceService.Evidence finding(@AuthenticationPrincipal AccountPrincipal user, @PathVariable String id) {
        return evidence.evidence(user.actor(), id).orElseThrow(() -> notFound("no finding " + id));
    }

    @GetMapping("/findings/{id}/graphml")
    ResponseEntity<byte[]> findingGraphml(@AuthenticationPrincipal AccountPrincipal user, @PathVariable String id) {
        var found = finding(user, id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/graphml+xml"))
                .header("Content-Disposition", "attachment; filename=\"" + id + ".graphml\"")
                .body(GraphExport.graphml(found.nodes(), found.edges()));
    }

    /** The entity, or 404 when it does not exist or the caller may not see it. */
    private NodeRef existing(AccountPrincipal user, String label, String key) {
        var ref = NodeRef.parse(label + ":" + key).orElseThrow(() -> notFound("no entity " + label + " " + key));
        if (network.node(user.actor(), ref).isEmpty()) {
            throw notFound("no entity " + ref);
        }
        return ref;
    }

    private static void checkPage(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "offset must be >= 0 and limit within 1.." + MAX_PAGE);
        }
    }

    private static ResponseStatusException notFound(String detail) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, detail);
    }
}
