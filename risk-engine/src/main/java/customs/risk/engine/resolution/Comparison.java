package customs.risk.engine.resolution;

import customs.risk.engine.resolution.FieldMatch.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * The field-by-field comparison of two company records: the features the match model weighs, the
 * fields as a reviewer reads them, and the veto that no score overrides (two registration numbers
 * that differ while both firms existed at once).
 */
final class Comparison {

    static final String[] FEATURES = {
        "name",
        "name sorted",
        "name compact",
        "words",
        "sound",
        "same name",
        "legal form",
        "address",
        "no address",
        "phone",
        "email",
        "registration",
        "country",
        "successor"
    };

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final double SIMILAR_WORD = 0.9;

    final double[] features;
    final List<FieldMatch> fields;
    final String veto;

    private Comparison(double[] features, List<FieldMatch> fields, String veto) {
        this.features = features;
        this.fields = fields;
        this.veto = veto;
    }

    static Comparison of(RecordProfile a, RecordProfile b) {
        double[] x = new double[FEATURES.length];
        var fields = new ArrayList<FieldMatch>();
        String veto = null;

        double name = similarity(a.spaced, b.spaced);
        double sorted = similarity(a.fingerprint, b.fingerprint);
        double compact = similarity(a.compact, b.compact);
        double words = softJaccard(a.words, b.words);
        x[0] = name;
        x[1] = sorted;
        x[2] = compact;
        x[3] = words;
        x[4] = jaccard(a.phonetic, b.phonetic);
        x[5] = !a.compact.isEmpty() && (a.compact.equals(b.compact) || a.fingerprint.equals(b.fingerprint)) ? 1 : 0;
        double best = Math.max(Math.max(name, sorted), compact);
        fields.add(new FieldMatch(
                "name",
                x[5] == 1 ? Verdict.SAME : best >= 0.9 ? Verdict.SIMILAR : Verdict.DIFFERENT,
                best,
                a.spaced + " / " + b.spaced));

        String formA = a.name.legalForm();
        String formB = b.name.legalForm();
        x[6] = formA == null || formB == null ? 0 : formA.equals(formB) ? 1 : -1;
        fields.add(equality("legal form", formA, formB));

        // Words one name has and the other lacks (a sister company's business, another firm's suffix);
        // none when the names are one string apart from spaces and order, as a transliteration is.
        x[8] = x[5] == 1 ? 0 : Math.min(3, unmatched(a.words, b.words));
        if (a.addressKey == null || b.addressKey == null) {
            fields.add(
                    new FieldMatch("address", Verdict.MISSING, 0, orDash(a.addressKey) + " / " + orDash(b.addressKey)));
        } else {
            double address = addressSimilarity(a.addressWords, b.addressWords);
            // From -1 (nothing shared) to 1 (the same words); 0 when either is missing says nothing.
            x[7] = 2 * address - 1;
            fields.add(new FieldMatch(
                    "address",
                    a.addressKey.equals(b.addressKey)
                            ? Verdict.SAME
                            : address >= 0.75 ? Verdict.SIMILAR : Verdict.DIFFERENT,
                    address,
                    a.addressKey + " / " + b.addressKey));
        }

        x[9] = signed(a.phoneKey, b.phoneKey);
        fields.add(equality("phone", a.phoneKey, b.phoneKey));

        if (a.email != null
                && b.email != null
                && !a.email.equals(b.email)
                && domain(a.email).equals(domain(b.email))
                && !FREE_MAIL.contains(domain(a.email))) {
            x[10] = 0.5;
            fields.add(new FieldMatch("email", Verdict.SIMILAR, 0.5, a.email + " / " + b.email));
        } else {
            x[10] = signed(a.email, b.email);
            fields.add(equality("email", a.email, b.email));
        }

        boolean successor = successor(a.record, b.record) || successor(b.record, a.record);
        x[11] = signed(a.registration, b.registration);
        fields.add(equality("registration", a.registration, b.registration));
        if (x[11] < 0 && !successor) {
            veto = "registration numbers differ (" + a.registration + ", " + b.registration + ")";
        }
        x[12] = signed(a.country, b.country);
        fields.add(equality("country", a.country, b.country));
        x[13] = successor ? 1 : 0;
        fields.add(new FieldMatch(
                "lifetime",
                successor ? Verdict.SIMILAR : Verdict.MISSING,
                x[13],
                successor
                        ? "one registered after the other was dissolved"
                        : lifetime(a.record) + " / " + lifetime(b.record)));
        return new Comparison(x, List.copyOf(fields), veto);
    }

    private static final Set<String> FREE_MAIL = Set.of(
            "gmail.com",
            "yahoo.com",
            "hotmail.com",
            "outlook.com",
            "naver.com",
            "daum.net",
            "qq.com",
            "163.com",
            "126.com",
            "hanmail.net");

    private static String domain(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 ? "" : email.substring(at + 1);
    }

    /** Whether {@code later} was registered after {@code earlier} was dissolved (within a month). */
    private static boolean successor(CompanyRecord earlier, CompanyRecord later) {
        LocalDate dissolved = earlier.dissolvedOn();
        LocalDate registered = later.registeredOn();
        return dissolved != null && registered != null && !registered.isBefore(dissolved.minusDays(31));
    }

    private static String lifetime(CompanyRecord r) {
        return (r.registeredOn() == null ? "?" : r.registeredOn().toString()) + "–"
                + (r.dissolvedOn() == null ? "" : r.dissolvedOn().toString());
    }

    static double similarity(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        return JARO_WINKLER.apply(a, b);
    }

    private static double signed(String a, String b) {
        if (a == null || b == null) {
            return 0;
        }
        return a.equals(b) ? 1 : -1;
    }

    private static FieldMatch equality(String field, String a, String b) {
        if (a == null || b == null) {
            return new FieldMatch(field, Verdict.MISSING, 0, orDash(a) + " / " + orDash(b));
        }
        boolean same = a.equals(b);
        return new FieldMatch(field, same ? Verdict.SAME : Verdict.DIFFERENT, same ? 1 : 0, same ? a : a + " / " + b);
    }

    private static String orDash(String s) {
        return s == null ? "–" : s;
    }

    /** Shared words over all words, a word counting as shared when a word of the other is nearly the same. */
    static double softJaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int shared = softShared(a, b);
        return (double) shared / (a.size() + b.size() - shared);
    }

    /** Words of either name without a (nearly) equal word in the other. */
    static int unmatched(Set<String> a, Set<String> b) {
        return a.size() + b.size() - 2 * softShared(a, b);
    }

    private static int softShared(Set<String> a, Set<String> b) {
        int shared = 0;
        var unmatched = new HashSet<>(b);
        for (String w : a) {
            if (unmatched.remove(w)) {
                shared++;
                continue;
            }
            String near = null;
            for (String v : unmatched) {
                if (w.length() > 3 && v.length() > 3 && JARO_WINKLER.apply(w, v) >= SIMILAR_WORD) {
                    near = v;
                    break;
                }
            }
            if (near != null) {
                unmatched.remove(near);
                shared++;
            }
        }
        return shared;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int shared = 0;
        for (String s : a) {
            if (b.contains(s)) {
                shared++;
            }
        }
        return (double) shared / (a.size() + b.size() - shared);
    }

    /** Shared words over the shorter address: a dropped postcode or district costs little. */
    private static double addressSimilarity(Set<String> a, Set<String> b) {
        int shared = 0;
        for (String w : a) {
            if (b.contains(w)) {
                shared++;
            }
        }
        double containment = (double) shared / Math.min(a.size(), b.size());
        double jaccard = (double) shared / (a.size() + b.size() - shared);
        return (containment + jaccard) / 2;
    }
}
