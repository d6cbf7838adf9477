package customs.risk.app.resolution;

import customs.risk.engine.resolution.ResolutionService;
import org.neo4j.driver.Driver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ResolutionConfiguration {

    @Bean
    ResolutionService resolutionService(Driver driver) {
        return new ResolutionService(driver);
    }
}
