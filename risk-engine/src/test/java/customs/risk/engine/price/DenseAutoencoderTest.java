package customs.risk.engine.price;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DenseAutoencoderTest {

    @Test
    void rowsUnlikeTheTrainingRowsReconstructWorseAndTheNetworkSurvivesAFile(@TempDir Path dir) throws Exception {
        // Usual rows lie on a line: the second column is minus half the first, the third is zero.
        var random = new Random(5);
        double[][] usual = new double[4_000][];
        for (int i = 0; i < usual.length; i++) {
            double t = random.nextGaussian() * 0.5;
            usual[i] = new double[] {t, -0.5 * t + 0.02 * random.nextGaussian(), 0.02 * random.nextGaussian()};
        }
        var model = DenseAutoencoder.fit(usual, new DenseAutoencoder.Settings(8, 1, 15, 64, 5e-3, 10_000, 3));

        double[][] probes = {{0.4, -0.2, 0}, {0.4, 0.4, 0}, {0, 0, 0.8}};
        double[] errors = model.errors(probes, 3);
        assertThat(errors[1]).as("off the line").isGreaterThan(5 * errors[0]);
        assertThat(errors[2]).as("a column that never moves").isGreaterThan(5 * errors[0]);

        // The plain-Java forward pass reconstructs as the network does.
        double[][] byNetwork = model.networkOutput(probes);
        for (int i = 0; i < probes.length; i++) {
            double[] byHand = model.forward(probes[i]);
            for (int c = 0; c < 3; c++) {
                assertThat(byHand[c]).isCloseTo(byNetwork[i][c], org.assertj.core.data.Offset.offset(1e-4));
            }
        }

        Path file = dir.resolve("ae.zip");
        model.save(file);
        double[] again = DenseAutoencoder.load(file).errors(probes, 3);
        assertThat(Arrays.stream(again).boxed().toList())
                .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-6 ? 0 : 1)
                .containsExactlyElementsOf(Arrays.stream(errors).boxed().toList());
    }
}
