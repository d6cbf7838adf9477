package customs.risk.app.announcements;

import customs.risk.cases.announcements.Acknowledgements;
import customs.risk.cases.announcements.Announcement;
import customs.risk.cases.announcements.AnnouncementService;
import customs.risk.cases.team.AccountPrincipal;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Announcements over REST; who may publish and read acknowledgements is {@code ApiAccess}'s rule. */
@RestController
class AnnouncementsController {

    private final AnnouncementService announcements;

    AnnouncementsController(AnnouncementService announcements) {
        this.announcements = announcements;
    }

    record NewAnnouncement(String title, String text, String audience) {}

    @PostMapping("/api/announcements")
    ResponseEntity<Announcement> publish(
            @AuthenticationPrincipal AccountPrincipal user, @RequestBody NewAnnouncement body) {
        var created = announcements.publish(user.getUsername(), body.title(), body.text(), body.audience());
        return ResponseEntity.created(URI.create("/api/announcements/" + created.id()))
                .body(created);
    }

    @GetMapping("/api/announcements")
    List<Announcement> mine(@AuthenticationPrincipal AccountPrincipal user) {
        return announcements.addressedTo(user.getUsername());
    }

    /** Idempotent: acknowledging again answers the same, with the time of the first acknowledgement. */
    @PostMapping("/api/announcements/{id}/ack")
    Announcement acknowledge(@AuthenticationPrincipal AccountPrincipal user, @PathVariable String id) {
        return announcements.acknowledge(user.getUsername(), id).orElseThrow(() -> notFound(id));
    }

    @GetMapping("/api/announcements/{id}/acks")
    Acknowledgements acknowledgements(@PathVariable String id) {
        return announcements.acknowledgements(id).orElseThrow(() -> notFound(id));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    private static ResponseStatusException notFound(String id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no announcement " + id);
    }
}
