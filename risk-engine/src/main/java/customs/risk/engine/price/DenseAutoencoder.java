package customs.risk.engine.price;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
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
 * weights; scoring is O(n · w), in batches (DL4J is slow one row at a time, see STACK.md). Set
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
    public record Settings(int hidden, int bottleneck, int epochs, int batchSize, double learningRate, int maxRows,
            long seed) {

        public static final Settings DEFAULTS = new Settings(16, 2, 6, 256, 3e-3, 100_000, 7);
    }

    private static final int SCORING_BATCH = 65_536;

    private final MultiLayerNetwork network;

    private DenseAutoencoder(MultiLayerNetwork network) {
        this.network = network;
    }

    public static DenseAutoencoder fit(double[][] rows, Settings settings) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows to learn from");
        }
        int width = rows[0].length;
        var conf = new NeuralNetConfiguration.Builder()
                .seed(settings.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(settings.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(width).nOut(settings.hidden()).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(settings.hidden()).nOut(settings.bottleneck())
                        .activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(settings.bottleneck()).nOut(settings.hidden())
                        .activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(settings.hidden()).nOut(width)
                        .activation(Activation.IDENTITY).build())
                .build();
        var network = new MultiLayerNetwork(conf);
        network.init();
        var random = new SplittableRandom(settings.seed());
        float[][] sample = sample(rows, settings.maxRows(), random);
        INDArray all = Nd4j.create(sample);
        int n = sample.length;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            // Shuffle once per epoch, then slice views: one object per batch, not per row (STACK.md).
            INDArray shuffled = all.getRows(permutation(n, random));
            for (int from = 0; from < n; from += settings.batchSize()) {
                INDArray batch = shuffled.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from,
                        Math.min(n, from + settings.batchSize())), org.nd4j.linalg.indexing.NDArrayIndex.all());
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

    @Override
    public double[] errors(double[][] rows, int columns) {
        double[] errors = new double[rows.length];
        for (int from = 0; from < rows.length; from += SCORING_BATCH) {
            int to = Math.min(rows.length, from + SCORING_BATCH);
            float[][] batch = new float[to - from][];
            for (int i = from; i < to; i++) {
                batch[i - from] = toFloat(rows[i]);
            }
            float[][] out = network.output(Nd4j.create(batch)).toFloatMatrix();
            for (int i = from; i < to; i++) {
                double sum = 0;
                for (int c = 0; c < columns; c++) {
                    double d = rows[i][c] - out[i - from][c];
                    sum += d * d;
                }
                errors[i] = sum / columns;
            }
        }
        return errors;
    }

    private static float[][] sample(double[][] rows, int max, SplittableRandom random) {
        int n = Math.min(rows.length, max);
        int[] order = permutation(rows.length, random);
        float[][] sample = new float[n][];
        for (int i = 0; i < n; i++) {
            sample[i] = toFloat(rows[order[i]]);
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
