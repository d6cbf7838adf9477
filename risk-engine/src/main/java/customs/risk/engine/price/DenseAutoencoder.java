package customs.risk.engine.price;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small dense autoencoder (DL4J): input, tanh hidden layer, narrow tanh bottleneck, tanh hidden
 * layer, linear output, trained to reproduce its input under squared error with Adam. A row it
 * reconstructs badly is unlike the rows it learnt from.
 *
 * <p>Fitting is O(epochs · n · w) for n rows (capped at {@code maxRows}, a random sample) and w
 * weights; scoring is O(n · w), a plain-Java forward pass with the fitted weights. Set
 * {@code OMP_NUM_THREADS=1} for networks this small.
 */
public final class DenseAutoencoder implements ReconstructionModel {

    /**
     * Settings.
     *
     * @param hidden width of the two hidden layers
     * @param bottleneck width of the code layer
     * @param epochs passes over the training rows
     * @param batchSize rows per update
     * @param learningRate Adam's step size
     * @param maxRows most rows to train on (a random sample beyond that)
     * @param seed random seed of weights and sampling
     */
    public record Settings(
            int hidden, int bottleneck, int epochs, int batchSize, double learningRate, int maxRows, long seed) {

        /** Batches of 1,024: DL4J's cost is mostly per call, so larger batches with a larger step fit faster. */
        public static final Settings DEFAULTS = new Settings(16, 2, 6, 1_024, 1e-2, 100_000, 7);
    }

    private final MultiLayerNetwork network;
    /** Per layer, the weights (input-major, nIn x nOut) and biases, copied out for the forward pass. */
    private final double[][] weights;

    private final double[][] biases;
    private final int[] widths;

    private DenseAutoencoder(MultiLayerNetwork network) {
        this.network = network;
        int layers = network.getnLayers();
        weights = new double[layers][];
        biases = new double[layers][];
        widths = new int[layers + 1];
        for (int l = 0; l < layers; l++) {
            INDArray w = network.getLayer(l).getParam("W");
            widths[l] = (int) w.rows();
            widths[l + 1] = (int) w.columns();
            weights[l] = w.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            biases[l] = network.getLayer(l)
                    .getParam("b")
                    .castTo(DataType.DOUBLE)
                    .dup('c')
                    .data()
                    .asDouble();
        }
    }

    public static DenseAutoencoder fit(double[][] rows, Settings settings) {
        return fit(rows.length, i -> rows[i], settings);
    }

    /**
     * As {@link #fit(double[][], Settings)} on {@code count} rows, each built by {@code row} when
     * the sample takes it: only the rows learnt from are ever held.
     */
    public static DenseAutoencoder fit(int count, IntFunction<double[]> row, Settings settings) {
        if (count == 0) {
            throw new IllegalArgumentException("no rows to learn from");
        }
        int width = row.apply(0).length;
        var conf = new NeuralNetConfiguration.Builder()
                .seed(settings.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(settings.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder()
                        .nIn(width)
                        .nOut(settings.hidden())
                        .activation(Activation.TANH)
                        .build())
                .layer(new DenseLayer.Builder()
                        .nIn(settings.hidden())
                        .nOut(settings.bottleneck())
                        .activation(Activation.TANH)
                        .build())
                .layer(new DenseLayer.Builder()
                        .nIn(settings.bottleneck())
                        .nOut(settings.hidden())
                        .activation(Activation.TANH)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(settings.hidden())
                        .nOut(width)
                        .activation(Activation.IDENTITY)
                        .build())
                .build();
        var network = new MultiLayerNetwork(conf);
        network.init();
        var random = new SplittableRandom(settings.seed());
        float[][] sample = sample(count, row, settings.maxRows(), random);
        int n = sample.length;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            // Shuffle in Java and copy each batch once: ND4J's getRows over all rows cost more than the fit.
            int[] order = permutation(n, random);
            for (int from = 0; from < n; from += settings.batchSize()) {
                int to = Math.min(n, from + settings.batchSize());
                float[][] rowsOfBatch = new float[to - from][];
                for (int i = from; i < to; i++) {
                    rowsOfBatch[i - from] = sample[order[i]];
                }
                INDArray batch = Nd4j.create(rowsOfBatch);
                network.fit(batch, batch);
            }
        }
        return new DenseAutoencoder(network);
    }

    public static DenseAutoencoder load(Path file) throws IOException {
        return new DenseAutoencoder(ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false));
    }

    @Override
    public void save(Path file) throws IOException {
        ModelSerializer.writeModel(network, file.toFile(), false);
    }

    /**
     * Scores in plain Java with the network's own weights (tanh hidden layers, linear output): DL4J
     * spends most of its time per call, not per row, and a forward pass of this size is a few
     * hundred multiply-adds per row. O(n · w), parallel over rows.
     */
    @Override
    public double[] errors(double[][] rows, int columns) {
        double[] errors = new double[rows.length];
        java.util.stream.IntStream.range(0, rows.length).parallel().forEach(i -> {
            double[] out = forward(rows[i]);
            double sum = 0;
            for (int c = 0; c < columns; c++) {
                double d = rows[i][c] - out[c];
                sum += d * d;
            }
            errors[i] = sum / columns;
        });
        return errors;
    }

    /** The reconstruction of one row. */
    double[] forward(double[] row) {
        double[] in = row;
        for (int l = 0; l < weights.length; l++) {
            int nIn = widths[l];
            int nOut = widths[l + 1];
            double[] out = biases[l].clone();
            double[] w = weights[l];
            for (int i = 0; i < nIn; i++) {
                double x = in[i];
                int base = i * nOut;
                for (int j = 0; j < nOut; j++) {
                    out[j] += x * w[base + j];
                }
            }
            if (l < weights.length - 1) {
                for (int j = 0; j < nOut; j++) {
                    out[j] = Math.tanh(out[j]);
                }
            }
            in = out;
        }
        return in;
    }

    /** The reconstruction of rows by DL4J itself, to check the forward pass against. */
    double[][] networkOutput(double[][] rows) {
        float[][] batch = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            batch[i] = toFloat(rows[i]);
        }
        float[][] out = network.output(Nd4j.create(batch)).toFloatMatrix();
        double[][] result = new double[out.length][];
        for (int i = 0; i < out.length; i++) {
            result[i] = new double[out[i].length];
            for (int j = 0; j < out[i].length; j++) {
                result[i][j] = out[i][j];
            }
        }
        return result;
    }

    private static float[][] sample(int count, IntFunction<double[]> row, int max, SplittableRandom random) {
        int n = Math.min(count, max);
        int[] order = permutation(count, random);
        float[][] sample = new float[n][];
        for (int i = 0; i < n; i++) {
            sample[i] = toFloat(row.apply(order[i]));
        }
        return sample;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static float[] toFloat(double[] row) {
        float[] f = new float[row.length];
        for (int i = 0; i < row.length; i++) {
            f[i] = (float) row[i];
        }
        return f;
    }
}
