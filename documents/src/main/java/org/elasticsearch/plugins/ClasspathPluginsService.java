package org.elasticsearch.plugins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.Build;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.spi.SPIClassIterator;

/**
 * A {@link PluginsService} that serves plugin instances already on the application class path,
 * because Elasticsearch has no public API to load plugins from the class path (only from a
 * distribution's {@code plugins/} folder).
 *
 * <p>It lives in Elasticsearch's own package because {@code LoadedPlugin}, {@code PluginsLoader}'s
 * constructor and {@code createExtension} are package-private. Written against Elasticsearch
 * <b>9.2.2</b> (the same approach as Elasticsearch's test {@code MockPluginsService}); an upgrade
 * must re-check these signatures ({@code PluginDescriptor} changed between 9.2 and 9.5).
 */
public final class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> loaded;

    public ClasspathPluginsService(Settings settings, Environment environment, List<Plugin> plugins) {
        super(settings, environment.configDir(), new PluginsLoader(Set.of(), Set.of(), Map.of()));
        List<LoadedPlugin> list = new ArrayList<>();
        for (Plugin plugin : plugins) {
            String name = plugin.getClass().getName();
            var descriptor = new PluginDescriptor(
                    name,
                    "class path plugin",
                    "NA",
                    Build.current().version(),
                    Integer.toString(Runtime.version().feature()),
                    name,
                    null,
                    List.of(),
                    false,
                    false,
                    false,
                    false);
            list.add(new LoadedPlugin(descriptor, plugin, plugin.getClass().getClassLoader()));
        }
        loadExtensions(list);
        this.loaded = List.copyOf(list);
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return loaded;
    }

    @Override
    public PluginsAndModules info() {
        return new PluginsAndModules(
                loaded.stream().map(p -> new PluginRuntimeInfo(p.descriptor())).toList(), List.of());
    }

    /**
     * All plugins share one class loader here, so the default lookup would find every provider once
     * per plugin; each provider class is created once, for the first plugin it fits.
     */
    @Override
    public <T> List<? extends T> loadServiceProviders(Class<T> service) {
        Map<Class<?>, T> created = new LinkedHashMap<>();
        for (LoadedPlugin entry : loaded) {
            Plugin plugin = entry.instance();
            var classes = SPIClassIterator.get(service, plugin.getClass().getClassLoader());
            while (classes.hasNext()) {
                Class<? extends T> type = classes.next();
                if (created.containsKey(type) || !fits(type, plugin)) {
                    continue;
                }
                created.put(type, createExtension(type, service, plugin));
            }
        }
        return List.copyOf(created.values());
    }

    private static boolean fits(Class<?> extension, Plugin plugin) {
        for (var constructor : extension.getConstructors()) {
            if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] != plugin.getClass()) {
                return false;
            }
        }
        return true;
    }
}
