package customs.risk.cases.team;

/**
 * A refused account change, naming the field at fault so a form can show the message beside it.
 */
public final class InvalidAccountException extends IllegalArgumentException {

    /** The form fields a message can belong to. */
    public enum Field {
        USERNAME,
        PASSWORD,
        CURRENT_PASSWORD,
        ROLES,
        COMPANY,
        ACCOUNT,
        EMAIL
    }

    private final Field field;

    public InvalidAccountException(Field field, String message) {
        super(message);
        this.field = field;
    }

    public Field field() {
        return field;
    }
}
