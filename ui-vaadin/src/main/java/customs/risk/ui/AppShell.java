package customs.risk.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/** Application shell: Lumo theme from the pre-compiled bundle (no npm build), server push for live views. */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("context://styles/app.css")
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Customs risk engine");
        settings.addFavIcon("icon", "icons/favicon.svg", "any");
    }
}
