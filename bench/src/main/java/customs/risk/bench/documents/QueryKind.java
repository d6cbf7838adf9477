package customs.risk.bench.documents;

/** The kinds of search in the benchmark's mixed query set, each a common way users search. */
public enum QueryKind {
    WORD("word"),
    ALL_WORDS("two words (AND)"),
    PHRASE("quoted phrase"),
    ANY_WORD("OR"),
    EXCLUDING("NOT"),
    TYPE_AND_DATES("type + dates"),
    COMPANY("company"),
    HS_PREFIX("HS prefix"),
    CHINESE("Chinese");

    private final String label;

    QueryKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
