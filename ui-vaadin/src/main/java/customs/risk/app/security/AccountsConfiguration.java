package customs.risk.app.security;

import org.neo4j.driver.Driver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The user store, in every context (commands too): with a {@link UserDetailsService} bean present,
 * Spring Boot never invents an in-memory user with a generated password.
 */
@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

    /** bcrypt with cost 12: about a quarter of a second per check here, slow for a guesser, fine for a login. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(12);
    }

    @Bean
    UserAccounts userAccounts(Driver driver, PasswordEncoder encoder, SecuritySettings settings) {
        return new UserAccounts(driver, encoder, settings.minPasswordLength());
    }

    @Bean
    UserDetailsService userDetailsService(UserAccounts accounts) {
        return username -> accounts.stored(UserAccounts.normalize(username))
                .map(user -> new AccountPrincipal(user.account(), user.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
