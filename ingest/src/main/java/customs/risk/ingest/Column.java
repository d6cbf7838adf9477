package customs.risk.ingest;

import java.util.Set;

/** One column of a bundle file: its name in the header, whether a value is required, its type. */
record Column(String name, boolean required, ColumnType type, Set<String> allowed) {

    static Column required(String name, ColumnType type) {
        return new Column(name, true, type, Set.of());
    }

    static Column optional(String name, ColumnType type) {
        return new Column(name, false, type, Set.of());
    }

    static Column requiredEnum(String name, String... allowed) {
        return new Column(name, true, ColumnType.ENUM, Set.of(allowed));
    }

    static Column optionalEnum(String name, String... allowed) {
        return new Column(name, false, ColumnType.ENUM, Set.of(allowed));
    }

    Object parse(String raw) {
        return type.parse(raw, allowed);
    }
}
