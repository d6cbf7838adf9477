package customs.risk.app.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The admin that integration tests talk to the REST API as: created by the application itself at
 * first start, from the same properties an operator sets ({@code risk.security.admin-*}).
 */
public final class TestAdmin {

    public static final String USERNAME = "test-admin";
    public static final String PASSWORD = "correct-horse-battery-staple";

    private TestAdmin() {}

    /**
     * Sets the first-admin properties; a cheap bcrypt cost keeps the many Basic checks of a test
     * fast (the cost is part of each hash; production hashes keep theirs).
     */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("risk.security.admin-username", () -> USERNAME);
        registry.add("risk.security.admin-password", () -> PASSWORD);
        registry.add("risk.security.bcrypt-strength", () -> "4");
    }

    /** The {@code Authorization} header value for the test admin. */
    public static String basic() {
        return basic(USERNAME, PASSWORD);
    }

    public static String basic(String username, String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
