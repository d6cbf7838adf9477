package customs.risk.engine.price;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model that learns what usual rows look like and says how badly it reconstructs a row: the
 * autoencoders' interface, so that the deep-learning library (DL4J, whose last release is
 * from 2022) stays behind one class.
 */
public interface ReconstructionModel {

    /** Per row, the mean squared reconstruction error over the first {@code columns} columns. */
    double[] errors(double[][] rows, int columns);

    void save(Path file) throws IOException;
}
