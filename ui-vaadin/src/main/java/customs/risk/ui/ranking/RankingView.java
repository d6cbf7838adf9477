package customs.risk.ui.ranking;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import customs.risk.engine.RiskService;
import customs.risk.engine.explore.NodeRef;
import customs.risk.engine.ranking.Lane;
import customs.risk.engine.ranking.RankedItem;
import customs.risk.engine.ranking.RankingFilter;
import customs.risk.engine.ranking.RiskStore;
import customs.risk.engine.ranking.ScoredItem;
import customs.risk.graph.NodeLabel;
import customs.risk.graph.text.SpreadsheetSafe;
import customs.risk.ui.MainLayout;
import customs.risk.ui.RiskBadges;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The risk officer's ranking: entities or declarations riskiest first in a lazy grid (rows are
 * fetched a page at a time as the user scrolls), filters, reasons as chips, the score
 * distribution, the hits to expect at an inspection capacity, and CSV export of the selection.
 */
@Route(value = "ranking", layout = MainLayout.class)
@PageTitle("Risk ranking | Customs risk")
@RolesAllowed({"ADMIN", "RISK_OFFICER", "INVESTIGATOR"})
public class RankingView extends VerticalLayout {

    /** Most rows a CSV export holds. */
    static final int EXPORT_LIMIT = 10_000;

    private static final String ID = "id";
    private static final String SCORE = "score";

    private final RiskService risk;
    private final Grid<RankedItem> grid = new Grid<>();
    private final Tabs kindTabs;
    private final Tab entitiesTab = new Tab("Entities");
    private final Tab declarationsTab = new Tab("Declarations");
    private final Select<String> lane = new Select<>();
    private final NumberField minScore = new NumberField("Score at least");
    private final TextField hs = new TextField("HS code starts with");
    private final TextField office = new TextField("Office");
    private final TextField country = new TextField("Country");
    private final DatePicker from = new DatePicker("Filed from");
    private final DatePicker to = new DatePicker("Filed to");
    private final ScoreChart chart = new ScoreChart();
    private final Span expected = new Span();
    private Grid.Column<RankedItem> itemColumn;
    private Grid.Column<RankedItem> countryColumn;
    private Grid.Column<RankedItem> partiesColumn;

    public RankingView(
            RiskService risk,
            customs.risk.cases.alerts.AlertService alerts,
            com.vaadin.flow.spring.security.AuthenticationContext authentication) {
        this.risk = risk;
        setId("ranking-view");
        setSizeFull();
        add(new H2("Risk ranking"));

        kindTabs = new Tabs(entitiesTab, declarationsTab);
        kindTabs.setId("ranking-kind");
        entitiesTab.setId("tab-entities");
        declarationsTab.setId("tab-declarations");
        kindTabs.addSelectedChangeListener(e -> refresh());

        lane.setId("filter-lane");
        lane.setLabel("Lane");
        lane.setItems("", "RED", "YELLOW", "GREEN");
        lane.setItemLabelGenerator(l -> l.isEmpty() ? "any" : l.toLowerCase());
        lane.setValue("");
        minScore.setId("filter-min-score");
        minScore.setMin(0);
        minScore.setMax(1);
        minScore.setStep(0.05);
        hs.setId("filter-hs");
        office.setId("filter-office");
        country.setId("filter-country");
        from.setId("filter-from");
        to.setId("filter-to");
        for (var field : new TextField[] {hs, office, country}) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.setWidth("9em");
            field.addValueChangeListener(e -> refresh());
        }
        lane.addValueChangeListener(e -> refresh());
        minScore.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        var filters = new HorizontalLayout(lane, minScore, hs, office, country, from, to);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");

        var capacity = new IntegerField("Inspection capacity (declarations)");
        capacity.setId("capacity");
        capacity.setMin(1);
        capacity.setValue(500);
        capacity.setWidth("16em");
        expected.setId("expected-hits");
        capacity.addValueChangeListener(e -> showExpectedHits(e.getValue()));
        var export = new Anchor(
                DownloadHandler.fromInputStream(event -> {
                    byte[] csv = csv();
                    return new DownloadResponse(new ByteArrayInputStream(csv), "ranking.csv", "text/csv", csv.length);
                }),
                "");
        export.setId("export-csv");
        export.add(new Button("Export CSV"));
        // New declarations this filter keeps come to the bell: a saved filter that watches itself.
        var watchFilter = new Button("Watch this filter", com.vaadin.flow.component.icon.VaadinIcon.EYE.create(), e -> {
            var actor = authentication
                    .getAuthenticatedUser(customs.risk.cases.team.AccountPrincipal.class)
                    .map(customs.risk.cases.team.AccountPrincipal::actor)
                    .orElseThrow();
            var watch = alerts.watch(actor, customs.risk.cases.alerts.Watch.Request.filter(null, filter()));
            com.vaadin.flow.component.notification.Notification.show(
                    "Watching \"" + watch.label() + "\": new declarations it keeps come to the bell");
        });
        watchFilter.setId("watch-filter");
        watchFilter.setVisible(false);
        kindTabs.addSelectedChangeListener(e -> watchFilter.setVisible(kind() == RiskStore.Kind.DECLARATIONS));
        var tools = new HorizontalLayout(capacity, expected, export, watchFilter);
        tools.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        configureGrid();
        grid.setSizeFull();
        // Below the filters, chart and tools the grid keeps room for several rows; the page scrolls instead.
        grid.setMinHeight("26rem");

        chart.setWidthFull();
        add(kindTabs, filters, chart, tools, grid);
        setFlexGrow(1, grid);
        refresh();
        showExpectedHits(capacity.getValue());
    }

    /**
     * Names first, ids beside them: a company reads by its name with its id on a second line, a
     * declaration by its id with the names of its seller and buyer; the reasons wrap.
     */
    private void configureGrid() {
        grid.setId("ranking-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        // Fixed widths, in rem: auto width leaves no room for the sort arrow and cuts "Score" and the lane
        // names, and an em is smaller in the header (smaller font) than in the body: headers drifted off their
        // columns.
        itemColumn = grid.addComponentColumn(this::itemCell)
                .setWidth("18rem")
                .setFlexGrow(0)
                .setResizable(true)
                .setSortable(true)
                .setSortProperty(ID);
        countryColumn = grid.addColumn(RankedItem::country).setWidth("6.5rem").setFlexGrow(0);
        partiesColumn = grid.addComponentColumn(RankingView::partiesCell)
                .setHeader("Seller / buyer")
                .setWidth("15rem")
                .setFlexGrow(0)
                .setResizable(true);
        grid.addComponentColumn(item -> RiskBadges.lane(item.item().lane().name()))
                .setHeader("Lane")
                .setWidth("7rem")
                .setFlexGrow(0);
        grid.addColumn(item -> RiskBadges.score(item.item().score()))
                .setHeader("Score")
                .setWidth("8rem")
                .setFlexGrow(0)
                .setSortable(true)
                .setSortProperty(SCORE);
        grid.addComponentColumn(this::reasonsCell).setHeader("Reasons").setFlexGrow(1);
    }

    /** A company's name over its id (selectable as a whole, to copy), or a declaration's id. */
    private Component itemCell(RankedItem item) {
        String id = item.item().id();
        boolean named = !item.name().isBlank();
        var link = RiskBadges.link(ref(item.item()), named ? item.name() : id);
        link.setTitle(id);
        link.addClassName("ranking-name");
        var cell = new Div(link);
        if (named) {
            var idLine = new Div(id);
            idLine.addClassName("ranking-id");
            cell.add(idLine);
        }
        return cell;
    }

    /** A declaration's seller over its buyer, by name, each linked to its page with its id as the tooltip. */
    private static Component partiesCell(RankedItem item) {
        var cell = new Div();
        for (var party : new RankedItem.Party[] {item.seller(), item.buyer()}) {
            if (party == null) {
                cell.add(new Div("-"));
                continue;
            }
            var link = RiskBadges.link(
                    new NodeRef(NodeLabel.COMPANY, party.id()), party.name().isBlank() ? party.id() : party.name());
            link.setTitle(party.id());
            link.addClassName("ranking-party");
            cell.add(link);
        }
        return cell;
    }

    /** Every reason, wrapped; beside a company in a loop or a shell cluster, the way to its evidence. */
    private Component reasonsCell(RankedItem item) {
        var reasons =
                RiskBadges.reasons(item.item().reasons(), item.item().reasons().size());
        reasons.addClassName("ranking-reasons");
        if (kind() != RiskStore.Kind.ENTITIES || !item.inFinding()) {
            return reasons;
        }
        String ref = NodeLabel.COMPANY.cypher() + ":" + item.item().id();
        var evidence = new Button(
                "Evidence", e -> getUI().ifPresent(ui -> ui.navigate("network", QueryParameters.of("evidence", ref))));
        evidence.addClassName("ranking-evidence");
        evidence.setId("ranking-evidence-" + item.item().id());
        evidence.addThemeVariants(ButtonVariant.LUMO_SMALL);
        evidence.setTooltipText("The trade loop or shell cluster it is in, in the network explorer");
        return new Div(reasons, evidence);
    }

    private void refresh() {
        var kind = kind();
        var filter = filter();
        boolean declarations = kind == RiskStore.Kind.DECLARATIONS;
        for (var field : new com.vaadin.flow.component.HasEnabled[] {hs, office, from, to}) {
            field.setEnabled(declarations);
        }
        itemColumn.setHeader(declarations ? "Declaration" : "Company (sorts by id)");
        countryColumn.setHeader(declarations ? "Origin" : "Country");
        // A declaration id is shorter than a company's name: the room goes to its seller and buyer.
        itemColumn.setWidth(declarations ? "12rem" : "18rem");
        partiesColumn.setVisible(declarations);
        // Lazy: each scroll position asks for its page only; no count query over a million rows.
        grid.setItems(query ->
                risk
                        .namedPage(kind, filter, order(query.getSortOrders()), query.getOffset(), query.getLimit())
                        .stream());
        chart.show(risk.histogram(kind), declarations ? "declarations" : "companies");
    }

    /** Riskiest first unless a column header says otherwise. */
    private static RiskStore.Order order(List<QuerySortOrder> sortOrders) {
        if (sortOrders.isEmpty()) {
            return RiskStore.Order.RISKIEST_FIRST;
        }
        var first = sortOrders.getFirst();
        if (first.getSorted().equals(ID)) {
            return RiskStore.Order.BY_ID;
        }
        return first.getDirection() == SortDirection.ASCENDING
                ? RiskStore.Order.SAFEST_FIRST
                : RiskStore.Order.RISKIEST_FIRST;
    }

    private void showExpectedHits(Integer capacity) {
        if (capacity == null || capacity < 1) {
            expected.setText("");
            return;
        }
        double[] hits = risk.expectedHits(capacity);
        expected.setText(
                hits[0] == 0
                        ? "no scored declarations yet"
                        : String.format(
                                Locale.ROOT,
                                "inspecting the %,.0f riskiest declarations: about %,.0f violations expected (%.0f%% of them)",
                                hits[0],
                                hits[1],
                                100 * hits[1] / hits[0]));
    }

    private RiskStore.Kind kind() {
        return kindTabs.getSelectedTab() == declarationsTab ? RiskStore.Kind.DECLARATIONS : RiskStore.Kind.ENTITIES;
    }

    private RankingFilter filter() {
        String laneValue = lane.getValue();
        return new RankingFilter(
                laneValue == null || laneValue.isEmpty() ? null : Lane.valueOf(laneValue),
                blank(hs.getValue()),
                blank(office.getValue()),
                blank(country.getValue()),
                from.getValue(),
                to.getValue(),
                minScore.getValue());
    }

    private byte[] csv() throws IOException {
        var kind = kind();
        var out = new StringWriter();
        try (var printer = new CSVPrinter(
                out,
                CSVFormat.RFC4180
                        .builder()
                        .setRecordSeparator("\n")
                        .setHeader(
                                "rank",
                                kind == RiskStore.Kind.ENTITIES ? "entity_id" : "declaration_id",
                                "score",
                                "lane",
                                "reasons")
                        .get())) {
            var items = risk.page(kind, filter(), 0, EXPORT_LIMIT);
            for (int i = 0; i < items.size(); i++) {
                var item = items.get(i);
                printer.printRecord(
                        i + 1,
                        SpreadsheetSafe.text(item.id()),
                        String.format(Locale.ROOT, "%.4f", item.score()),
                        item.lane().name().toLowerCase(),
                        SpreadsheetSafe.text(String.join(" | ", item.reasons())));
            }
        }
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private NodeRef ref(ScoredItem item) {
        return new NodeRef(kind().label(), item.id());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
