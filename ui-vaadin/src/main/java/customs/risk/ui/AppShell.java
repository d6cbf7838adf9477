package customs.risk.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Inline;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * Application shell: Lumo theme from the pre-compiled bundle (no npm build), server push for live
 * views, and what makes the application installable on a phone or desktop (a web app manifest and a
 * service worker of our own, as Vaadin's PWA support needs a frontend build).
 */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("context://styles/app.css")
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Customs risk engine");
        settings.addFavIcon("icon", "icons/favicon.svg", "any");
        settings.setViewport("width=device-width, initial-scale=1");
        settings.addLink("manifest", "manifest.json");
        settings.addLink("apple-touch-icon", "icons/app-192.png");
        settings.addMetaTag("theme-color", "#1a56db");
        settings.addInlineWithContents(
                "if ('serviceWorker' in navigator) { navigator.serviceWorker.register('sw.js'); }",
                Inline.Wrapping.JAVASCRIPT);
    }
}
