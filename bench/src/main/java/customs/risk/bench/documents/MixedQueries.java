package customs.risk.bench.documents;

import static customs.risk.bench.documents.CustomsDocumentGenerator.pick;

import customs.risk.documents.search.DocumentQuery;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark's query set, drawn from the generator's own vocabularies so every kind of query
 * has documents to find: the kinds take turns, so each is about equally represented.
 */
final class MixedQueries {

    /** Words of very different frequency: goods, clause words (some rare), ports, company and bank names. */
    static final List<String> WORDS = List.of(
            "shrimp",
            "laptop",
            "batteries",
            "tyres",
            "furniture",
            "bicycles",
            "coffee",
            "timber",
            "smartphones",
            "diapers",
            "sunglasses",
            "steel",
            "fumigated",
            "demurrage",
            "phytosanitary",
            "reefer",
            "anti-dumping",
            "arbitration",
            "undervaluation",
            "inspection",
            "penalty",
            "samples",
            "transhipment",
            "insurance",
            "Rotterdam",
            "Ningbo",
            "Busan",
            "Felixstowe",
            "Haitai",
            "Meridian",
            "HSBC",
            "Rabobank");

    static final List<String> GOODS_WORDS = List.of(
            "shrimp",
            "laptop",
            "batteries",
            "tyres",
            "furniture",
            "bicycles",
            "coffee",
            "tea",
            "timber",
            "cotton",
            "smartphones",
            "television",
            "solar",
            "vehicles",
            "toys",
            "chairs",
            "oranges",
            "aluminium",
            "steel");
    static final List<String> PLACE_WORDS = List.of(
            "Rotterdam",
            "Antwerp",
            "Hamburg",
            "Genoa",
            "Piraeus",
            "Shanghai",
            "Ningbo",
            "Qingdao",
            "Busan",
            "Santos",
            "Izmir",
            "Vietnam",
            "Thailand",
            "India",
            "Singapore",
            "Colombo");
    static final List<String> PHRASES = List.of(
            "letter of credit",
            "country of origin",
            "said to contain",
            "customs clearance",
            "heat treated",
            "frozen shrimp",
            "laptop computers",
            "lithium ion batteries",
            "bill of lading",
            "rules of origin",
            "terminal handling charges",
            "pre-shipment inspection",
            "bonded warehouse",
            "minus 18 degrees");
    static final List<String> TYPE_WORDS = List.of("invoice", "container", "payment", "cartons", "goods", "");
    static final List<String> DOC_TYPES =
            List.of("INVOICE", "BILL_OF_LADING", "PACKING_LIST", "CERTIFICATE_OF_ORIGIN", "CONTRACT", "OTHER");
    static final List<String> CHINESE_WORDS =
            List.of("信用证", "集装箱", "清关", "原产地证书", "报关单", "熏蒸", "索赔", "运费预付", "滞箱费", "商业发票", "装箱单");

    record BenchQuery(QueryKind kind, DocumentQuery query) {}

    private MixedQueries() {}

    /** {@code n} queries of all kinds in turn, the first page of {@code pageSize} hits each. */
    static List<BenchQuery> build(CustomsDocumentGenerator generator, long seed, int n, int pageSize) {
        var random = new SplittableRandom(CustomsDocumentGenerator.mix(seed, 3, n));
        QueryKind[] kinds = QueryKind.values();
        List<BenchQuery> queries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            QueryKind kind = kinds[i % kinds.length];
            queries.add(new BenchQuery(kind, query(generator, random, kind).withPage(0, pageSize)));
        }
        return List.copyOf(queries);
    }

    private static DocumentQuery query(CustomsDocumentGenerator generator, SplittableRandom random, QueryKind kind) {
        return switch (kind) {
            case WORD -> DocumentQuery.of(pick(random, WORDS));
            case ALL_WORDS ->
                DocumentQuery.of(
                        pick(random, GOODS_WORDS) + (random.nextBoolean() ? " AND " : " ") + pick(random, PLACE_WORDS));
            case PHRASE ->
                DocumentQuery.of(
                        '"' + (random.nextInt(4) == 0 ? companyWords(generator, random) : pick(random, PHRASES)) + '"');
            case ANY_WORD -> DocumentQuery.of(pick(random, GOODS_WORDS) + " OR " + pick(random, GOODS_WORDS));
            case EXCLUDING -> DocumentQuery.of(pick(random, GOODS_WORDS) + " NOT " + pick(random, PLACE_WORDS));
            case TYPE_AND_DATES -> {
                LocalDate from = CustomsDocumentGenerator.FIRST_DAY.plusMonths(random.nextInt(7 * 12));
                yield DocumentQuery.of(pick(random, TYPE_WORDS))
                        .withDocTypes(pick(random, DOC_TYPES))
                        .withFiled(from, from.plusMonths(random.nextInt(1, 7)).minusDays(1));
            }
            case COMPANY ->
                DocumentQuery.of(random.nextBoolean() ? "" : pick(random, TYPE_WORDS))
                        .withCompanies(CustomsDocumentGenerator.companyId(generator.pickCompany(random)));
            case HS_PREFIX -> {
                String hs = pick(random, CustomsDocumentGenerator.GOODS).hs();
                yield DocumentQuery.of(random.nextBoolean() ? "" : pick(random, PLACE_WORDS))
                        .withHsPrefix(hs.substring(0, random.nextBoolean() ? 4 : 2));
            }
            case CHINESE ->
                DocumentQuery.of(
                        random.nextInt(3) == 0
                                ? pick(random, CustomsDocumentGenerator.GOODS).chinese()
                                : pick(random, CHINESE_WORDS));
        };
    }

    /** The first two words of a company's name, e.g. {@code Haitai Trading}. */
    private static String companyWords(CustomsDocumentGenerator generator, SplittableRandom random) {
        String name = CustomsDocumentGenerator.companyName(generator.pickCompany(random));
        int second = name.indexOf(' ', name.indexOf(' ') + 1);
        return name.substring(0, second);
    }
}
