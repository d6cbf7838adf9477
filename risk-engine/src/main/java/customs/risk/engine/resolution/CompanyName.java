package customs.risk.engine.resolution;

import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * A company name reduced to what identifies the firm: Unicode NFKC, other scripts transliterated
 * (Hanzi to pinyin, with common Chinese business words translated first so that "贸易有限公司" and
 * "Trading Co., Ltd." meet), folded to upper-case ASCII, the legal form taken out as one code
 * ("Co., Ltd." and "Company Limited" are both {@code LTD}), common abbreviations expanded and stop
 * words dropped. What is left are the {@link #words()} that name the firm.
 *
 * @param words the identifying words, in their written order
 * @param legalForm the legal form's code ({@code LTD}, {@code CORP}, {@code GMBH} ...), null when none
 */
public record CompanyName(List<String> words, String legalForm) {

    public CompanyName {
        words = List.copyOf(words);
    }

    /** The words joined without spaces: "Shenzhen Huaxin" and "深圳华信" both give SHENZHENHUAXIN. */
    public String compact() {
        return String.join("", words);
    }

    /** The words with single spaces, in written order. */
    public String spaced() {
        return String.join(" ", words);
    }

    /** The distinct words sorted and joined: insensitive to word order. */
    public String fingerprint() {
        return String.join(" ", new TreeSet<>(words));
    }

    /** The Double Metaphone keys of the words, sorted and distinct. */
    public Set<String> phonetic() {
        var keys = new TreeSet<String>();
        for (String w : words) {
            if (w.chars().anyMatch(Character::isLetter)) {
                keys.add(METAPHONE.get().doubleMetaphone(w));
            }
        }
        return keys;
    }

    private static final ThreadLocal<DoubleMetaphone> METAPHONE = ThreadLocal.withInitial(() -> {
        var m = new DoubleMetaphone();
        m.setMaxCodeLen(6);
        return m;
    });

    private static final ThreadLocal<Transliterator> TO_LATIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII"));
    private static final Pattern HAN_RUN = Pattern.compile("\\p{IsHan}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^A-Z0-9]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** Chinese business words, longest first, translated before the rest is transliterated. */
    private static final Map<String, String> CHINESE_WORDS = chineseWords();

    /**
     * Legal forms as word sequences (after folding), each mapped to one code in the manner of ISO
     * 20275's entity legal forms. Matched at the end of a name, or at its start where the
     * language puts it there ("Cong Ty TNHH ...", "PT ...", "Kabushiki Kaisha ...").
     */
    private static final Map<List<String>, String> LEGAL_FORMS = legalForms();

    private static final List<List<String>> LEADING_FORMS = List.of(
            List.of("CONG", "TY", "TNHH"),
            List.of("CONG", "TY", "CO", "PHAN"),
            List.of("CONG", "TY"),
            List.of("KABUSHIKI", "KAISHA"),
            List.of("ETABLISSEMENTS"),
            List.of("PT"),
            List.of("CV"));

    private static final int LONGEST_FORM =
            LEGAL_FORMS.keySet().stream().mapToInt(List::size).max().orElse(1);

    /** Abbreviations folded to the word they stand for, and spelling variants to one spelling. */
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("INTL", "INTERNATIONAL"),
            Map.entry("INTERNATL", "INTERNATIONAL"),
            Map.entry("INTERNAT", "INTERNATIONAL"),
            Map.entry("TRDG", "TRADING"),
            Map.entry("TRAD", "TRADING"),
            Map.entry("IND", "INDUSTRIAL"),
            Map.entry("INDS", "INDUSTRIAL"),
            Map.entry("INDUS", "INDUSTRIAL"),
            Map.entry("INDUSTRIES", "INDUSTRIAL"),
            Map.entry("INDUSTRY", "INDUSTRIAL"),
            Map.entry("ELEC", "ELECTRONICS"),
            Map.entry("ELECS", "ELECTRONICS"),
            Map.entry("ELECTRONIC", "ELECTRONICS"),
            Map.entry("MFG", "MANUFACTURING"),
            Map.entry("MANUF", "MANUFACTURING"),
            Map.entry("MFRS", "MANUFACTURERS"),
            Map.entry("ENT", "ENTERPRISE"),
            Map.entry("ENTS", "ENTERPRISE"),
            Map.entry("ENTERPRISES", "ENTERPRISE"),
            Map.entry("TECH", "TECHNOLOGY"),
            Map.entry("TECHNOLOGIES", "TECHNOLOGY"),
            Map.entry("GRP", "GROUP"),
            Map.entry("HLDGS", "HOLDINGS"),
            Map.entry("HLDG", "HOLDINGS"),
            Map.entry("HOLDING", "HOLDINGS"),
            Map.entry("SVCS", "SERVICES"),
            Map.entry("SVC", "SERVICES"),
            Map.entry("SERVICE", "SERVICES"),
            Map.entry("MGMT", "MANAGEMENT"),
            Map.entry("CHEM", "CHEMICAL"),
            Map.entry("CHEMICALS", "CHEMICAL"),
            Map.entry("PHARM", "PHARMACEUTICAL"),
            Map.entry("PHARMA", "PHARMACEUTICAL"),
            Map.entry("PHARMACEUTICALS", "PHARMACEUTICAL"),
            Map.entry("MACH", "MACHINERY"),
            Map.entry("EQUIP", "EQUIPMENT"),
            Map.entry("DIST", "DISTRIBUTION"),
            Map.entry("IMP", "IMPORT"),
            Map.entry("EXP", "EXPORT"),
            Map.entry("BROS", "BROTHERS"),
            Map.entry("ASSOC", "ASSOCIATES"),
            Map.entry("NATL", "NATIONAL"),
            Map.entry("CTR", "CENTER"),
            Map.entry("CENTRE", "CENTER"),
            Map.entry("LOGISTIC", "LOGISTICS"),
            Map.entry("TEXTILES", "TEXTILE"),
            Map.entry("TEX", "TEXTILE"),
            Map.entry("DEVT", "DEVELOPMENT"),
            Map.entry("INVT", "INVESTMENT"),
            Map.entry("MKTG", "MARKETING"),
            Map.entry("SYS", "SYSTEMS"),
            Map.entry("SYSTEM", "SYSTEMS"),
            Map.entry("PRODS", "PRODUCTS"),
            Map.entry("PROD", "PRODUCTS"),
            Map.entry("PRODUCT", "PRODUCTS"),
            Map.entry("MOTORS", "MOTOR"),
            Map.entry("FOODSTUFFS", "FOOD"),
            Map.entry("FOODS", "FOOD"),
            Map.entry("ENG", "ENGINEERING"),
            Map.entry("ENGG", "ENGINEERING"),
            Map.entry("SHIPG", "SHIPPING"),
            Map.entry("EXPT", "EXPORT"),
            Map.entry("IMPT", "IMPORT"));

    private static final Set<String> STOP_WORDS = Set.of("THE", "AND", "OF", "FOR", "A", "AN", "ET", "UND", "Y");

    /** Reads a company name as written; an empty name gives no words. */
    public static CompanyName of(String written) {
        if (written == null || written.isBlank()) {
            return new CompanyName(List.of(), null);
        }
        String text = Normalizer.normalize(written, Normalizer.Form.NFKC);
        text = translateChinese(text);
        text = text.replace("&", " AND ").replace("'", "").replace("’", "");
        if (!isAscii(text)) {
            text = TO_LATIN.get().transliterate(text);
            text = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD))
                    .replaceAll("");
        }
        var tokens = new ArrayList<>(
                Arrays.asList(NOT_WORD.split(text.toUpperCase(Locale.ROOT).strip())));
        tokens.removeIf(String::isEmpty);
        String form = takeLegalForm(tokens);
        var words = new ArrayList<String>(tokens.size());
        for (String t : tokens) {
            String w = WORDS.getOrDefault(t, t);
            if (!STOP_WORDS.contains(w)) {
                words.add(w);
            }
        }
        return new CompanyName(words, form);
    }

    /** Removes legal forms from the end (several, as in "Co., Ltd.") and the start; returns the last code found. */
    private static String takeLegalForm(List<String> tokens) {
        String form = null;
        boolean found = true;
        while (found && tokens.size() > 1) {
            found = false;
            for (int n = Math.min(LONGEST_FORM, tokens.size() - 1); n >= 1; n--) {
                var tail = tokens.subList(tokens.size() - n, tokens.size());
                String code = LEGAL_FORMS.get(tail);
                if (code != null) {
                    // The outermost form is the telling one; a bare "Co." yields to a fuller one inside it.
                    if (form == null || form.equals("CO")) {
                        form = code;
                    }
                    tail.clear();
                    found = true;
                    break;
                }
            }
        }
        for (var lead : LEADING_FORMS) {
            if (tokens.size() > lead.size() && tokens.subList(0, lead.size()).equals(lead)) {
                tokens.subList(0, lead.size()).clear();
                if (form == null || form.equals("CO")) {
                    form = LEGAL_FORMS.getOrDefault(lead, "LTD");
                }
                break;
            }
        }
        return form;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    /**
     * Translates known business words inside runs of Han characters, and joins what remains of a run
     * into one word, so that "深圳华信" reads as one word SHENZHENHUAXIN.
     */
    private static String translateChinese(String text) {
        var m = HAN_RUN.matcher(text);
        if (!m.find()) {
            return text;
        }
        m.reset();
        var out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            out.append(' ').append(translateRun(m.group())).append(' ');
            last = m.end();
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    private static String translateRun(String run) {
        var out = new StringBuilder();
        var pending = new StringBuilder();
        int i = 0;
        while (i < run.length()) {
            String word = null;
            for (int n = Math.min(6, run.length() - i); n >= 2 && word == null; n--) {
                word = CHINESE_WORDS.get(run.substring(i, i + n));
                if (word != null) {
                    flushHan(pending, out);
                    out.append(' ').append(word).append(' ');
                    i += n;
                }
            }
            if (word == null) {
                pending.append(run.charAt(i));
                i++;
            }
        }
        flushHan(pending, out);
        return out.toString();
    }

    /** Transliterates a run of untranslated Han characters as one word (pinyin without spaces). */
    private static void flushHan(StringBuilder pending, StringBuilder out) {
        if (pending.isEmpty()) {
            return;
        }
        String latin = TO_LATIN.get().transliterate(pending.toString());
        out.append(' ').append(latin.replaceAll("[^A-Za-z0-9]", "")).append(' ');
        pending.setLength(0);
    }

    private static Map<String, String> chineseWords() {
        var words = new LinkedHashMap<String, String>();
        words.put("股份有限公司", "CO LTD");
        words.put("有限责任公司", "CO LTD");
        words.put("有限公司", "CO LTD");
        words.put("公司", "CO");
        words.put("进出口", "IMPORT EXPORT");
        words.put("贸易", "TRADING");
        words.put("商贸", "TRADING");
        words.put("国际", "INTERNATIONAL");
        words.put("集团", "GROUP");
        words.put("科技", "TECHNOLOGY");
        words.put("技术", "TECHNOLOGY");
        words.put("电子", "ELECTRONICS");
        words.put("实业", "INDUSTRIAL");
        words.put("工业", "INDUSTRIAL");
        words.put("机械", "MACHINERY");
        words.put("纺织", "TEXTILE");
        words.put("化工", "CHEMICAL");
        words.put("物流", "LOGISTICS");
        words.put("食品", "FOOD");
        words.put("服装", "GARMENT");
        words.put("制造", "MANUFACTURING");
        words.put("发展", "DEVELOPMENT");
        words.put("投资", "INVESTMENT");
        words.put("控股", "HOLDINGS");
        words.put("航运", "SHIPPING");
        words.put("钢铁", "STEEL");
        words.put("塑料", "PLASTICS");
        words.put("医药", "PHARMACEUTICAL");
        words.put("汽车", "AUTOMOTIVE");
        words.put("配件", "PARTS");
        words.put("家具", "FURNITURE");
        words.put("材料", "MATERIALS");
        words.put("能源", "ENERGY");
        words.put("光电", "OPTOELECTRONICS");
        words.put("五金", "HARDWARE");
        words.put("设备", "EQUIPMENT");
        words.put("工贸", "INDUSTRY TRADE");
        words.put("供应链", "SUPPLY CHAIN");
        words.put("电器", "ELECTRICAL APPLIANCES");
        words.put("新材料", "NEW MATERIALS");
        words.put("自动化", "AUTOMATION");
        words.put("精密", "PRECISION");
        words.put("工程", "ENGINEERING");
        words.put("针织", "KNITTING");
        words.put("鞋业", "SHOES");
        words.put("服饰", "APPAREL");
        words.put("橡胶", "RUBBER");
        words.put("包装", "PACKAGING");
        words.put("纸业", "PAPER");
        words.put("印刷", "PRINTING");
        words.put("陶瓷", "CERAMICS");
        words.put("玻璃", "GLASS");
        words.put("金属", "METAL");
        words.put("仪器", "INSTRUMENTS");
        words.put("医疗", "MEDICAL");
        words.put("光学", "OPTICS");
        words.put("电机", "MOTORS");
        words.put("生物", "BIO");
        words.put("化妆品", "COSMETICS");
        words.put("水产", "AQUATIC PRODUCTS");
        words.put("农产品", "AGRICULTURAL PRODUCTS");
        words.put("商品", "COMMODITY");
        words.put("电子科技", "ELECTRONIC TECHNOLOGY");
        words.put("汽车配件", "AUTO PARTS");
        words.put("石油", "PETROLEUM");
        words.put("资源", "RESOURCES");
        return words;
    }

    private static Map<List<String>, String> legalForms() {
        var forms = new LinkedHashMap<List<String>, String>();
        put(
                forms,
                "LTD",
                "LTD",
                "LIMITED",
                "CO LTD",
                "CO LIMITED",
                "COMPANY LIMITED",
                "CORP LTD",
                "PTE LTD",
                "PTY LTD",
                "PVT LTD",
                "PRIVATE LIMITED",
                "PROPRIETARY LIMITED",
                "SDN BHD",
                "BHD",
                "BERHAD",
                "TNHH",
                "CO LTD BY SHARES",
                "LTDA",
                "LDA",
                "CONG TY TNHH",
                "CONG TY",
                "SP Z O O",
                "KFT",
                "LTD STI",
                "CO W L L",
                "W L L",
                "LLP");
        put(forms, "CORP", "CORP", "CORPORATION", "KABUSHIKI KAISHA", "KK", "K K");
        put(forms, "INC", "INC", "INCORPORATED");
        put(forms, "LLC", "LLC", "L L C", "LIMITED LIABILITY COMPANY", "LIMITED LIABILITY CO", "FZE", "FZCO");
        put(forms, "GMBH", "GMBH", "GESELLSCHAFT MIT BESCHRANKTER HAFTUNG", "GMBH AND CO KG", "G M B H", "GMBH CO KG");
        put(forms, "AG", "AG", "AKTIENGESELLSCHAFT", "SE");
        put(forms, "PLC", "PLC", "PUBLIC LIMITED COMPANY", "PUBLIC COMPANY LIMITED");
        put(
                forms,
                "JSC",
                "JSC",
                "JOINT STOCK COMPANY",
                "JOINT STOCK CO",
                "CONG TY CO PHAN",
                "OAO",
                "PAO",
                "A S",
                "AS",
                "SAN VE TIC A S");
        put(
                forms,
                "SA",
                "SA",
                "S A",
                "SOCIEDAD ANONIMA",
                "SOCIETE ANONYME",
                "SA DE CV",
                "S A DE C V",
                "S A C",
                "SAC",
                "NV",
                "N V");
        put(forms, "SARL", "SARL", "SAS", "SRL", "S R L", "S L", "SL");
        put(forms, "SPA", "SPA", "S P A");
        put(forms, "BV", "BV", "B V");
        put(forms, "AB", "AB", "OY", "APS", "ASA");
        put(forms, "PT", "PT", "TBK", "CV");
        put(forms, "EST", "EST", "ESTABLISHMENT", "ETABLISSEMENTS");
        put(forms, "CO", "CO", "COMPANY");
        return forms;
    }

    private static void put(Map<List<String>, String> forms, String code, String... variants) {
        for (String v : variants) {
            forms.put(List.of(v.split(" ")), code);
        }
    }
}
