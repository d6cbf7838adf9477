package customs.risk.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Files chosen in an upload that wait, in temporary files, for the message they go with: removed
 * from the list, they are deleted; sent or discarded, all of them are (and when the upload leaves
 * the page).
 */
public final class PendingUploads {

    /** A file waiting to be sent, under the name it was chosen by. */
    public record PendingFile(String name, File file) {}

    private final Upload upload;
    private final List<PendingFile> pending = new ArrayList<>();

    /** Makes {@code upload} keep its files here, each at most {@code maxFileBytes}. */
    public PendingUploads(Upload upload, long maxFileBytes) {
        this.upload = upload;
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, maxFileBytes));
        upload.setUploadHandler(
                UploadHandler.toTempFile((metadata, file) -> pending.add(new PendingFile(metadata.fileName(), file))));
        upload.addFileRejectedListener(e -> Notification.show("Not attached: " + e.getErrorMessage()));
        upload.addFileRemovedListener(e -> pending.removeIf(p -> {
            if (p.name().equals(e.getFileName())) {
                p.file().delete();
                return true;
            }
            return false;
        }));
        upload.addDetachListener(e -> clear());
    }

    /** The files waiting, in the order they were chosen. */
    public List<PendingFile> files() {
        return List.copyOf(pending);
    }

    /** Deletes the waiting files and empties the upload's list (after a send, or to start over). */
    public void clear() {
        pending.forEach(p -> p.file().delete());
        pending.clear();
        upload.clearFileList();
    }
}
