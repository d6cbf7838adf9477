package customs.risk.ingest.jobs;

import customs.risk.ingest.BundleException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks an uploaded bundle zip safely: no entry may escape the target folder, and the expanded
 * size is capped so a zip bomb fails with a message instead of filling the disk.
 */
final class ZipBundles {

    private ZipBundles() {}

    /**
     * Unpacks {@code zip} into {@code target} and returns the bundle folder: the target itself or,
     * when the zip wraps everything in one folder, that folder.
     */
    static Path unpack(Path zip, Path target, long maxBytes) throws BundleException {
        long total = 0;
        int entries = 0;
        try (InputStream raw = Files.newInputStream(zip);
                var in = new ZipInputStream(raw)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries++;
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new BundleException("the zip holds an entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (var os = Files.newOutputStream(out)) {
                    byte[] buffer = new byte[1 << 16];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        total += n;
                        if (total > maxBytes) {
                            throw new BundleException("the zip expands to more than " + maxBytes
                                    + " bytes (risk.ingest.max-unzipped-size)");
                        }
                        os.write(buffer, 0, n);
                    }
                }
            }
        } catch (ZipException e) {
            throw new BundleException("the upload is not a readable zip archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BundleException("cannot unpack the upload: " + e.getMessage(), e);
        }
        if (entries == 0) {
            throw new BundleException("the upload is not a zip archive of a bundle (no entries found)");
        }
        return locateBundle(target);
    }

    private static Path locateBundle(Path root) throws BundleException {
        if (Files.exists(root.resolve("declarations.csv"))) {
            return root;
        }
        try (var walk = Files.walk(root, 3)) {
            return walk.filter(p -> p.getFileName().toString().equals("declarations.csv"))
                    .map(Path::getParent)
                    .findFirst()
                    .orElseThrow(() -> new BundleException(
                            "declarations.csv is missing from the zip: a bundle needs at least declarations.csv"));
        } catch (IOException e) {
            throw new BundleException("cannot read the unpacked upload: " + e.getMessage(), e);
        }
    }
}
