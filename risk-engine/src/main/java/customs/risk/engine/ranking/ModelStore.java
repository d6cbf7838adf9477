package customs.risk.engine.ranking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Trained models under the data dir, one folder per version ({@code models/v0001},
 * {@code models/v0002}, ...); the newest complete one is the current model. Old versions stay, so
 * a score's model version can always be looked up.
 */
public final class ModelStore {

    private static final Pattern VERSION = Pattern.compile("v(\\d{4,})");

    private final Path root;

    public ModelStore(Path root) {
        this.root = root;
    }

    /** The version the next trained model gets. */
    public String nextVersion() {
        int last = versions().stream().mapToInt(ModelStore::number).max().orElse(0);
        return String.format("v%04d", last + 1);
    }

    public Path folder(String version) {
        return root.resolve(version);
    }

    public void save(RiskModel model) throws IOException {
        Path dir = folder(model.version());
        if (Files.exists(dir.resolve(RiskModel.MANIFEST))) {
            throw new IOException("model " + model.version() + " exists already in " + dir);
        }
        model.save(dir);
    }

    /** The newest complete model, if any was trained. */
    public Optional<RiskModel> latest() throws IOException {
        var versions = versions();
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RiskModel.load(folder(versions.getLast())));
    }

    /** Complete model versions, oldest first. */
    public List<String> versions() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var dirs = Files.list(root)) {
            return dirs.filter(d -> VERSION.matcher(d.getFileName().toString()).matches())
                    .filter(d -> Files.exists(d.resolve(RiskModel.MANIFEST))
                            || Files.exists(d.resolve(RiskModel.OLD_MANIFEST)))
                    .map(d -> d.getFileName().toString())
                    .sorted(Comparator.comparingInt(ModelStore::number))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list models in " + root, e);
        }
    }

    private static int number(String version) {
        return Integer.parseInt(version.substring(1));
    }
}
