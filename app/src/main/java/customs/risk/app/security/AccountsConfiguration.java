package customs.risk.app.security;

import customs.risk.cases.team.AccountPrincipal;
import customs.risk.cases.team.UserAccounts;
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

    /** bcrypt: deliberately slow to compute, so a stolen hash is costly to guess; cost from {@code risk.security.bcrypt-strength}. */
    @Bean
    PasswordEncoder passwordEncoder(SecuritySettings settings) {
        return new BCryptPasswordEncoder(settings.bcryptStrength());
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
