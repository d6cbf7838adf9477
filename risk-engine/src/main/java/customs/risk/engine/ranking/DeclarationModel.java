package customs.risk.engine.ranking;

import customs.risk.engine.learning.LearnedScore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;

/**
 * The learned declaration score and, per declaration it learnt from, the probability that trees
 * which never saw its outcome gave it (cross-fitting): an inspected declaration keeps that score,
 * so its score says what the model would have said before the inspection.
 */
public record DeclarationModel(LearnedScore.Model model, Map<String, Double> heldOut) {

    void write(Writer out) throws IOException {
        out.write("declaration-model\t" + heldOut.size() + "\n");
        for (var e : heldOut.entrySet()) {
            out.write(e.getKey() + "\t" + e.getValue() + "\n");
        }
        model.write(out);
    }

    static DeclarationModel read(BufferedReader in) throws IOException {
        String[] head = in.readLine().split("\t");
        if (!head[0].equals("declaration-model")) {
            throw new IOException("not a declaration model");
        }
        int held = Integer.parseInt(head[1]);
        var heldOut = new HashMap<String, Double>(held * 2);
        for (int i = 0; i < held; i++) {
            String[] f = in.readLine().split("\t");
            heldOut.put(f[0], Double.parseDouble(f[1]));
        }
        return new DeclarationModel(LearnedScore.Model.read(in), heldOut);
    }
}
