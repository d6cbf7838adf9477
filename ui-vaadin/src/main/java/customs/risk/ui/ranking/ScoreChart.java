package customs.risk.ui.ranking;

import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.component.html.Div;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The score distribution as a bar chart (ECharts, loaded from its WebJar at run time: no frontend
 * build). One bar per band of 0.05.
 */
@JavaScript("context://webjars/echarts/5.3.1/dist/echarts.min.js")
class ScoreChart extends Div {

    ScoreChart() {
        setId("score-chart");
        addClassName("chart");
    }

    void show(long[] counts, String what) {
        List<String> bands = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            bands.add(String.format(Locale.ROOT, "%.2f", (double) i / counts.length));
        }
        var values = new ArrayList<Long>();
        for (long c : counts) {
            values.add(c);
        }
        getElement().executeJs("""
                const el = this;
                const draw = () => {
                  // Before the layout gives the element its width, ECharts would draw a sliver.
                  if (!window.echarts || el.clientWidth === 0) { setTimeout(draw, 100); return; }
                  const chart = echarts.getInstanceByDom(el) || echarts.init(el);
                  if (!el.resizer) {
                    el.resizer = new ResizeObserver(() => chart.resize());
                    el.resizer.observe(el);
                  }
                  chart.setOption({
                    title: { text: 'Score distribution of ' + $2, textStyle: { fontSize: 13 } },
                    tooltip: {}, grid: { left: 60, right: 20, top: 40, bottom: 30 },
                    xAxis: { type: 'category', data: $0 },
                    yAxis: { type: 'log', min: 1 },
                    series: [{ type: 'bar', data: $1.map(v => v === 0 ? null : v), itemStyle: { color: '#b3261e' } }]
                  });
                };
                draw();
                """, bands, values, what);
    }
}
