package customs.risk.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

    record Figures(double[] values, Map<String, Double> byKey, List<String> names) {}

    @Test
    void everyDoubleReadsBackAsTheSameValue(@TempDir Path dir) throws IOException {
        double[] values = {0.1 + 0.2, Math.PI, -1e-300, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY};
        var file = dir.resolve("figures.json");

        ModelFiles.write(file, new Figures(values, Map.of("a\tb", 1.0 / 3), List.of("x")));
        var read = ModelFiles.read(file, Figures.class);

        assertThat(read.values()).containsExactly(values);
        assertThat(read.byKey()).containsExactly(Map.entry("a\tb", 1.0 / 3));
        assertThat(Files.readString(file)).contains("\n  \"names\"");
    }

    @Test
    void aDamagedFileSaysWhichFile(@TempDir Path dir) throws IOException {
        var file = dir.resolve("figures.json");
        Files.writeString(file, "{\"values\": [1.0,");

        assertThatThrownBy(() -> ModelFiles.read(file, Figures.class))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot read " + file);
    }
}
