package customs.risk.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every response, pages, API answers, errors and redirects alike. Spring
 * Security writes its headers when a response is committed, which Vaadin's page responses slip
 * past; this filter sets them before anything else runs and again after a {@code reset()}.
 *
 * <p>The content security policy allows what the Vaadin views need and nothing from elsewhere:
 * Vaadin runs inline bootstrap code and evaluates the scripts the server sends
 * ({@code 'unsafe-inline'}, {@code 'unsafe-eval'}), Lumo sets inline styles, and every script,
 * style, font and image is served by the application itself (cytoscape from the WebJar).
 */
final class SecurityHeaders extends OncePerRequestFilter {

    static final String POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "frame-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'");

    /** Versioned or public static files, which browsers may keep; everything else is never stored. */
    private static final List<String> CACHEABLE =
            List.of("/VAADIN/build/", "/VAADIN/static/", "/webjars/", "/styles/", "/icons/", "/images/", "/favicon");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean cacheable = CACHEABLE.stream().anyMatch(request.getRequestURI()::startsWith);
        boolean secure = request.isSecure();
        var headed = new HttpServletResponseWrapper(response) {
            @Override
            public void reset() {
                super.reset();
                write(this, cacheable, secure);
            }
        };
        write(headed, cacheable, secure);
        chain.doFilter(request, headed);
    }

    private static void write(HttpServletResponse response, boolean cacheable, boolean secure) {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        if (!cacheable) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
        }
        if (secure) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }
}
