package customs.risk.app.risk;

import customs.risk.app.store.RiskProperties;
import customs.risk.engine.RiskService;
import customs.risk.engine.ranking.RiskSettings;
import customs.risk.graph.DataDirectory;
import org.neo4j.driver.Driver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The risk engine with the lanes and exploration of {@code risk.scoring.*}. */
@Configuration(proxyBeanMethods = false)
class RiskConfiguration {

    @Bean
    RiskService riskService(Driver driver, DataDirectory dataDirectory, RiskProperties properties) {
        var scoring = properties.scoring();
        var settings = new RiskSettings(
                scoring.redThreshold(),
                scoring.yellowThreshold(),
                RiskSettings.DEFAULTS.priceZThreshold(),
                RiskSettings.DEFAULTS.minPeers(),
                scoring.explorationShare(),
                scoring.redShare(),
                scoring.yellowShare(),
                scoring.entityRedShare(),
                scoring.entityYellowShare());
        return new RiskService(driver, dataDirectory, settings, scoring.declarationAutoencoder());
    }
}
