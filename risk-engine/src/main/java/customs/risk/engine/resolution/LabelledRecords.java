package customs.risk.engine.resolution;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Company records whose firm is known (column {@code entity}: records of one firm share it), the
 * labelled set the match model is fitted on before any reviewer decided anything. The shipped set
 * is a generated company universe with planted duplicates and look-alikes (the fixtures generator,
 * seed {@value #SEED}); evaluation runs on other seeds.
 */
public final class LabelledRecords {

    /** The generator seed of the shipped set; never the seed of an evaluation. */
    public static final long SEED = 11;

    static final String RESOURCE = "/resolution/labelled-companies.csv";
    public static final String[] HEADER = {
        "company_id",
        "name",
        "country",
        "registration_number",
        "address",
        "phone",
        "email",
        "registered_on",
        "dissolved_on",
        "entity"
    };

    private LabelledRecords() {}

    /** A record and the firm it belongs to. */
    public record Labelled(CompanyRecord record, String entity) {}

    static List<Labelled> shipped() {
        var in = LabelledRecords.class.getResourceAsStream(RESOURCE);
        Objects.requireNonNull(in, "missing resource " + RESOURCE);
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Labelled> read(Reader reader) throws IOException {
        var out = new ArrayList<Labelled>();
        var format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        for (CSVRecord r : format.parse(reader)) {
            out.add(new Labelled(
                    new CompanyRecord(
                            r.get("company_id"),
                            blank(r.get("name")),
                            blank(r.get("country")),
                            blank(r.get("registration_number")),
                            blank(r.get("address")),
                            blank(r.get("phone")),
                            blank(r.get("email")),
                            date(r.get("registered_on")),
                            date(r.get("dissolved_on"))),
                    r.get("entity")));
        }
        return out;
    }

    /**
     * The candidate pairs of labelled records as training examples: what blocking proposes is what
     * the model has to decide, so it learns on the pairs it will meet.
     */
    static List<MatchModel.Example> examples(List<Labelled> labelled, double weight) {
        var profiles = labelled.stream().map(l -> new RecordProfile(l.record())).toList();
        var examples = new ArrayList<MatchModel.Example>();
        for (long pair : Blocking.candidates(profiles, null)) {
            int i = Blocking.first(pair);
            int j = Blocking.second(pair);
            boolean match = labelled.get(i).entity().equals(labelled.get(j).entity());
            examples.add(new MatchModel.Example(Comparison.of(profiles.get(i), profiles.get(j)), match, weight));
        }
        return examples;
    }

    /** Entity of each record id. */
    static Map<String, String> entities(List<Labelled> labelled) {
        var map = new java.util.HashMap<String, String>();
        labelled.forEach(l -> map.put(l.record().id(), l.entity()));
        return map;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static LocalDate date(String s) {
        return s == null || s.isBlank() ? null : LocalDate.parse(s.strip());
    }
}
