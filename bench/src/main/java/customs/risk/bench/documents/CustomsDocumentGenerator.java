package customs.risk.bench.documents;

import customs.risk.documents.search.IndexedDocument;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic customs documents for the benchmark: invoices, bills of lading, packing lists,
 * certificates of origin, contracts and e-mails of about {@value #TEXT_CHARS_DEFAULT} characters,
 * 5 % of them in Chinese. Documents are grouped in declarations (about three per declaration) that
 * share companies, goods, ports and dates, as a real filing does; companies are drawn with a skew
 * (a few large traders, many small ones) and words from vocabularies of different sizes, so the
 * benchmark's queries match from a handful to a large share of the documents.
 *
 * <p>Document {@code i} depends only on the seed and {@code i}: any batch can be rebuilt without
 * the others, so a run never holds all documents in memory. O(1) per document.
 */
final class CustomsDocumentGenerator {

    static final int TEXT_CHARS_DEFAULT = 1_000;
    static final int CHINESE_TEXT_CHARS_DEFAULT = 360;
    static final double CHINESE_SHARE_DEFAULT = 0.05;
    static final LocalDate FIRST_DAY = LocalDate.of(2019, 1, 1);
    static final int DAYS = 7 * 365;

    record Goods(String hs, String english, String chinese, String unit, int minPrice, int maxPrice) {}

    record Port(String name, String country, String chinese) {}

    static final List<Goods> GOODS = List.of(
            new Goods("030617", "frozen shrimp and prawns, peeled and deveined", "冷冻虾仁", "kg", 6, 14),
            new Goods("030462", "frozen catfish fillets", "冷冻鲶鱼片", "kg", 2, 5),
            new Goods("080510", "fresh oranges", "新鲜橙子", "kg", 1, 2),
            new Goods("090111", "green coffee beans, not roasted", "生咖啡豆", "kg", 3, 7),
            new Goods("090230", "black tea in packages", "红茶", "kg", 4, 20),
            new Goods("392690", "plastic household articles", "塑料家居用品", "pcs", 1, 5),
            new Goods("401110", "radial tyres for passenger cars", "轿车子午线轮胎", "pcs", 25, 90),
            new Goods("440711", "sawn pine timber", "松木锯材", "m3", 180, 400),
            new Goods("520852", "printed cotton fabric", "印花棉布", "m", 1, 4),
            new Goods("610910", "cotton T-shirts", "棉制T恤衫", "pcs", 2, 8),
            new Goods("620342", "men's denim trousers", "男式牛仔裤", "pcs", 6, 18),
            new Goods("640411", "sports footwear with textile uppers", "运动鞋", "pairs", 8, 35),
            new Goods("720839", "hot-rolled steel coils", "热轧钢卷", "t", 450, 700),
            new Goods("730890", "steel structures for buildings", "建筑用钢结构", "t", 900, 1600),
            new Goods("760612", "aluminium alloy plates", "铝合金板", "t", 2200, 3400),
            new Goods("841510", "split air conditioners", "分体式空调", "pcs", 180, 450),
            new Goods("847130", "laptop computers", "笔记本电脑", "pcs", 250, 900),
            new Goods("847330", "computer parts and accessories", "电脑零部件", "pcs", 5, 60),
            new Goods("850440", "static converters and power supplies", "电源适配器", "pcs", 3, 25),
            new Goods("850760", "lithium-ion batteries", "锂离子电池", "pcs", 20, 120),
            new Goods("851713", "smartphones", "智能手机", "pcs", 90, 600),
            new Goods("852872", "LED television sets", "液晶电视机", "pcs", 120, 500),
            new Goods("854143", "solar panels of photovoltaic cells", "太阳能电池板", "pcs", 60, 180),
            new Goods("870380", "battery electric passenger vehicles", "纯电动乘用车", "units", 14_000, 38_000),
            new Goods("870899", "motor vehicle parts", "汽车零部件", "pcs", 4, 150),
            new Goods("871200", "bicycles", "自行车", "pcs", 40, 300),
            new Goods("900410", "sunglasses", "太阳镜", "pcs", 1, 12),
            new Goods("940161", "upholstered wooden chairs", "软垫木椅", "pcs", 25, 120),
            new Goods("940360", "wooden bedroom furniture", "木制卧室家具", "pcs", 40, 400),
            new Goods("950300", "plastic toys", "塑料玩具", "pcs", 1, 15),
            new Goods("961900", "baby diapers", "婴儿纸尿裤", "packs", 3, 9));

    static final List<Port> LOADING_PORTS = List.of(
            new Port("Shanghai", "China", "上海"),
            new Port("Ningbo", "China", "宁波"),
            new Port("Shenzhen", "China", "深圳"),
            new Port("Qingdao", "China", "青岛"),
            new Port("Xiamen", "China", "厦门"),
            new Port("Tianjin", "China", "天津"),
            new Port("Busan", "Korea", "釜山"),
            new Port("Haiphong", "Vietnam", "海防"),
            new Port("Laem Chabang", "Thailand", "林查班"),
            new Port("Port Klang", "Malaysia", "巴生港"),
            new Port("Chittagong", "Bangladesh", "吉大港"),
            new Port("Nhava Sheva", "India", "那瓦舍瓦"),
            new Port("Santos", "Brazil", "桑托斯"),
            new Port("Izmir", "Turkey", "伊兹密尔"),
            new Port("Mombasa", "Kenya", "蒙巴萨"));
    static final List<Port> DISCHARGE_PORTS = List.of(
            new Port("Rotterdam", "Netherlands", "鹿特丹"), new Port("Antwerp", "Belgium", "安特卫普"),
            new Port("Hamburg", "Germany", "汉堡"), new Port("Bremerhaven", "Germany", "不来梅哈芬"),
            new Port("Le Havre", "France", "勒阿弗尔"), new Port("Felixstowe", "United Kingdom", "费利克斯托"),
            new Port("Genoa", "Italy", "热那亚"), new Port("Algeciras", "Spain", "阿尔赫西拉斯"),
            new Port("Gdansk", "Poland", "格但斯克"), new Port("Piraeus", "Greece", "比雷埃夫斯"));

    static final List<String> NAME_FIRST = List.of(
            "Haitai",
            "Golden",
            "Pacific",
            "Nordic",
            "Atlas",
            "Sunrise",
            "Orient",
            "Evergreen",
            "Baltic",
            "Jade",
            "Meridian",
            "Silverline",
            "Dragon",
            "Harbor",
            "Zenith",
            "Lotus",
            "Horizon",
            "Crown",
            "Delta",
            "Summit",
            "Yangtze",
            "Pearl",
            "Alpine",
            "Coral",
            "Falcon",
            "Granite",
            "Imperial",
            "Kestrel",
            "Mekong",
            "Northstar");
    static final List<String> NAME_SECOND = List.of(
            "Trading",
            "Logistics",
            "Industries",
            "Import Export",
            "Manufacturing",
            "Textiles",
            "Electronics",
            "Foods",
            "Metals",
            "Furniture",
            "Auto Parts",
            "Commodities",
            "Supply",
            "Global",
            "Merchants");
    static final List<String> NAME_FORM =
            List.of("Co., Ltd.", "GmbH", "B.V.", "SARL", "S.p.A.", "Ltd", "Inc.", "NV", "Sp. z o.o.", "A.S.");
    static final List<String> TRANSHIPMENT_PORTS =
            List.of("Singapore", "Colombo", "Tanjung Pelepas", "Port Said", "Jebel Ali");
    static final List<String> BANKS = List.of(
            "Bank of China",
            "HSBC",
            "Deutsche Bank",
            "ING Bank",
            "BNP Paribas",
            "Standard Chartered",
            "Industrial and Commercial Bank of China",
            "Rabobank");
    static final List<String> INSPECTORS = List.of("SGS", "Bureau Veritas", "Intertek", "TUV Rheinland");
    static final List<String> CARRIERS = List.of("MAEU", "MSCU", "CMDU", "COSU", "HLCU", "ONEY", "EGLV");
    static final List<String> VESSELS = List.of(
            "Maersk Elba",
            "MSC Gulsun",
            "CMA CGM Marco Polo",
            "COSCO Shipping Aries",
            "Hamburg Express",
            "ONE Innovation",
            "Ever Given",
            "Madrid Maersk",
            "MSC Irina",
            "CSCL Globe");
    static final List<String> PEOPLE = List.of(
            "Li Wei",
            "Anna Schmidt",
            "Jan de Vries",
            "Marie Dubois",
            "Chen Jing",
            "Nguyen Van An",
            "Mehmet Yilmaz",
            "Priya Sharma",
            "Tom Evans",
            "Sofia Rossi",
            "Kim Min-jun",
            "Wang Fang");
    static final List<String> INCOTERMS = List.of("FOB", "CIF", "CFR", "EXW", "DAP", "DDP");
    static final List<String> CURRENCIES = List.of("USD", "USD", "USD", "EUR", "EUR", "CNY");
    static final List<String> PAYMENTS = List.of(
            "irrevocable letter of credit at sight",
            "telegraphic transfer, 30% deposit and 70% against copy of the bill of lading",
            "documents against payment through the buyer's bank",
            "open account, 60 days from the invoice date");
    static final List<String> PAYMENTS_ZH = List.of("即期信用证", "电汇，百分之三十预付", "付款交单", "发票日后六十天付款");
    static final List<String> ARBITRATION = List.of(
            "CIETAC in Beijing",
            "the ICC in Paris",
            "the Netherlands Arbitration Institute",
            "the Hamburg Chamber of Commerce");

    /** Sentences any document may carry; the share of each word shapes how selective a query on it is. */
    static final List<String> CLAUSES = List.of(
            "All goods are packed in export cartons suitable for ocean transport.",
            "Wooden pallets are heat treated and fumigated according to ISPM 15.",
            "Insurance is to be covered by the buyer for 110% of the invoice value.",
            "Partial shipments are not allowed; transhipment is allowed at %TRANSHIP%.",
            "Demurrage and detention at the port of discharge are for the account of the consignee.",
            "Please arrange customs clearance as soon as the container is released by the terminal.",
            "The goods remain the property of the seller until the invoice is paid in full.",
            "Any claim must be made in writing within 30 days after arrival of the goods.",
            "Bank details: %BANK%, SWIFT %SWIFT%, account %ACCOUNT%.",
            "The shipment is subject to pre-shipment inspection by %INSPECTOR% at the factory.",
            "Quality according to the approved sample, quantity tolerance plus or minus 5%.",
            "Freight prepaid; terminal handling charges at destination are for the consignee.",
            "Marks and numbers: %MARKS%, made in %COUNTRY%.",
            "We certify that this document is true and correct and that the goods are of %COUNTRY% origin.");

    static final List<String> RARE_CLAUSES = List.of(
            "Samples of no commercial value are included in carton 1.",
            "The declared value was questioned at the last import; an undervaluation review is pending.",
            "Late delivery incurs a penalty of 0.5% of the contract value per week.",
            "The consignee requests a split delivery to a bonded warehouse.");
    static final List<String> CLAUSES_ZH = List.of(
            "货物已装入集装箱并加封。",
            "请尽快安排清关，并告知预计到港时间。",
            "木质包装已按照国际标准进行熏蒸处理。",
            "随附原产地证书和装箱单各一份。",
            "如有质量问题，买方应在货物到港后三十天内提出索赔。",
            "运费预付，保险由买方负责。",
            "本合同一式两份，双方各执一份，具有同等法律效力。",
            "目的港的滞箱费和滞港费由收货人承担。",
            "货物在装运前须经第三方检验。");

    private static final String[] TYPES = {
        "INVOICE", "BILL_OF_LADING", "PACKING_LIST", "CERTIFICATE_OF_ORIGIN", "CONTRACT", "OTHER"
    };
    private static final double[] TYPE_SHARES = {0.25, 0.20, 0.20, 0.10, 0.07, 0.18};
    private static final String[] TYPES_ZH = {"商业发票", "海运提单", "装箱单", "原产地证书", "销售合同", "邮件"};

    private final long seed;
    private final int companies;
    private final int declarations;

    CustomsDocumentGenerator(long seed, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1: " + count);
        }
        this.seed = seed;
        this.companies = Math.clamp(count / 50, 50, NAME_FIRST.size() * NAME_SECOND.size() * NAME_FORM.size());
        this.declarations = Math.max(1, count / 3);
    }

    int companies() {
        return companies;
    }

    static String companyId(int n) {
        return "C-%05d".formatted(n + 1);
    }

    static String companyName(int n) {
        int first = n % NAME_FIRST.size();
        int second = (n / NAME_FIRST.size()) % NAME_SECOND.size();
        int form = (n / (NAME_FIRST.size() * NAME_SECOND.size())) % NAME_FORM.size();
        return NAME_FIRST.get(first) + " " + NAME_SECOND.get(second) + " " + NAME_FORM.get(form);
    }

    /** A company, large traders more often than small ones (quadratic skew). */
    int pickCompany(SplittableRandom random) {
        double u = random.nextDouble();
        return (int) (companies * u * u);
    }

    List<IndexedDocument> documents(int from, int to) {
        List<IndexedDocument> batch = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            batch.add(document(i));
        }
        return batch;
    }

    IndexedDocument document(int i) {
        var random = new SplittableRandom(mix(seed, 1, i));
        var declaration = declaration(random.nextInt(declarations));
        String type = TYPES[weighted(random, TYPE_SHARES)];
        LocalDate filed = declaration.date.plusDays(random.nextInt(-10, 6));
        boolean chinese = random.nextDouble() < CHINESE_SHARE_DEFAULT;
        String content =
                chinese ? chineseText(random, type, declaration, filed) : englishText(random, type, declaration, filed);
        String title = title(random, type, declaration, chinese);
        List<String> hs = declaration.goods.stream().map(Goods::hs).toList();
        String contentType = "OTHER".equals(type)
                ? "message/rfc822"
                : random.nextInt(5) == 0
                        ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                        : "application/pdf";
        String sha = "%016x%016x%016x%016x"
                .formatted(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
        return new IndexedDocument(
                "DOC-%08d".formatted(i + 1),
                type,
                title,
                content,
                List.of(companyId(declaration.exporter), companyId(declaration.importer)),
                List.of(declaration.id + ":1"),
                hs,
                filed,
                sha,
                contentType,
                content.length() * 3L + random.nextInt(20_000),
                false,
                false);
    }

    private record Declaration(
            String id,
            int exporter,
            int importer,
            List<Goods> goods,
            Port loading,
            Port discharge,
            String incoterm,
            String currency,
            int payment,
            LocalDate date,
            String carrier,
            String vessel,
            String container) {}

    private Declaration declaration(int d) {
        var random = new SplittableRandom(mix(seed, 2, d));
        int exporter = pickCompany(random);
        int importer = pickCompany(random);
        if (importer == exporter) {
            importer = (importer + 1) % companies;
        }
        int lines = 1 + weighted(random, new double[] {0.6, 0.3, 0.1});
        List<Goods> goods = new ArrayList<>(lines);
        while (goods.size() < lines) {
            Goods g = pick(random, GOODS);
            if (!goods.contains(g)) {
                goods.add(g);
            }
        }
        LocalDate date = FIRST_DAY.plusDays(random.nextInt(DAYS));
        String carrier = pick(random, CARRIERS);
        return new Declaration(
                "DEC-%d-%07d".formatted(date.getYear(), d + 1),
                exporter,
                importer,
                List.copyOf(goods),
                pick(random, LOADING_PORTS),
                pick(random, DISCHARGE_PORTS),
                pick(random, INCOTERMS),
                pick(random, CURRENCIES),
                random.nextInt(PAYMENTS.size()),
                date,
                carrier,
                pick(random, VESSELS),
                carrier.substring(0, 3) + "U" + "%07d".formatted(random.nextInt(10_000_000)));
    }

    private static String title(SplittableRandom random, String type, Declaration d, boolean chinese) {
        String goods = d.goods.getFirst().english;
        return switch (type) {
            case "INVOICE" -> (chinese ? "发票-" : "invoice-") + d.id + ".pdf";
            case "BILL_OF_LADING" -> "BL-" + d.carrier + d.container.substring(4) + ".pdf";
            case "PACKING_LIST" -> (chinese ? "装箱单-" : "packing-list-") + d.id + ".pdf";
            case "CERTIFICATE_OF_ORIGIN" -> "certificate-of-origin-" + d.id + ".pdf";
            case "CONTRACT" -> (chinese ? "合同-" : "sales-contract-") + d.id + ".docx";
            default ->
                chinese
                        ? "关于" + d.goods.getFirst().chinese + "的发货通知"
                        : (random.nextBoolean() ? "Re: " : "") + "Shipment of " + goods + " from " + d.loading.name();
        };
    }

    private String englishText(SplittableRandom random, String type, Declaration d, LocalDate filed) {
        var text = new StringBuilder(TEXT_CHARS_DEFAULT + 300);
        String exporter = companyName(d.exporter) + " (" + companyId(d.exporter) + ")";
        String importer = companyName(d.importer) + " (" + companyId(d.importer) + ")";
        switch (type) {
            case "INVOICE" -> {
                text.append("COMMERCIAL INVOICE No. INV-")
                        .append(filed.getYear())
                        .append('-')
                        .append(random.nextInt(1_000_000))
                        .append(", date ")
                        .append(filed)
                        .append(".\nSeller: ")
                        .append(exporter)
                        .append(", ")
                        .append(d.loading.name())
                        .append(", ")
                        .append(d.loading.country())
                        .append(".\nBuyer: ")
                        .append(importer)
                        .append(".\nCustoms declaration ")
                        .append(d.id)
                        .append(". Terms of delivery: ")
                        .append(d.incoterm)
                        .append(' ')
                        .append(d.loading.name())
                        .append(". Payment: ")
                        .append(PAYMENTS.get(d.payment))
                        .append(".\n");
                goodsLines(random, text, d);
            }
            case "BILL_OF_LADING" ->
                text.append("BILL OF LADING No. ")
                        .append(d.carrier)
                        .append(d.container.substring(4))
                        .append(".\nShipper: ")
                        .append(exporter)
                        .append(".\nConsignee: ")
                        .append(importer)
                        .append(".\nNotify party: same as consignee.\nVessel: ")
                        .append(d.vessel)
                        .append(", voyage ")
                        .append(random.nextInt(100, 999))
                        .append("W. Port of loading: ")
                        .append(d.loading.name())
                        .append(". Port of discharge: ")
                        .append(d.discharge.name())
                        .append(".\nContainer ")
                        .append(d.container)
                        .append(", 40 foot high cube, seal ")
                        .append(random.nextInt(1_000_000, 9_999_999))
                        .append(".\n")
                        .append(random.nextInt(10, 900))
                        .append(" packages said to contain ")
                        .append(goodsList(d))
                        .append(". Gross weight ")
                        .append(random.nextInt(2_000, 26_000))
                        .append(" kg. Shipped on board ")
                        .append(filed)
                        .append(". Freight ")
                        .append("EXW".equals(d.incoterm) || "FOB".equals(d.incoterm) ? "collect" : "prepaid")
                        .append(".\n");
            case "PACKING_LIST" -> {
                int cartons = random.nextInt(20, 1_200);
                text.append("PACKING LIST for customs declaration ")
                        .append(d.id)
                        .append(", ")
                        .append(filed)
                        .append(".\nShipper: ")
                        .append(exporter)
                        .append(".\nConsignee: ")
                        .append(importer)
                        .append(".\nContainer ")
                        .append(d.container)
                        .append(" from ")
                        .append(d.loading.name())
                        .append(" to ")
                        .append(d.discharge.name())
                        .append(".\nCartons 1-")
                        .append(cartons)
                        .append(": ")
                        .append(goodsList(d))
                        .append(", net weight ")
                        .append(cartons * random.nextInt(5, 20))
                        .append(" kg, gross weight ")
                        .append(cartons * random.nextInt(21, 25))
                        .append(" kg, measurement ")
                        .append(random.nextInt(10, 68))
                        .append(" cbm, on ")
                        .append(cartons / 40 + 1)
                        .append(" pallets.\n");
            }
            case "CERTIFICATE_OF_ORIGIN" ->
                text.append("CERTIFICATE OF ORIGIN No. ")
                        .append(d.loading.country().substring(0, 2).toUpperCase(Locale.ROOT))
                        .append(random.nextInt(10_000_000))
                        .append(".\n1. Exporter: ")
                        .append(exporter)
                        .append(".\n2. Consignee: ")
                        .append(importer)
                        .append(".\n3. Means of transport and route: by sea from ")
                        .append(d.loading.name())
                        .append(" to ")
                        .append(d.discharge.name())
                        .append(" on ")
                        .append(d.vessel)
                        .append(".\n4. Country of origin: ")
                        .append(d.loading.country())
                        .append(".\n5. Goods: ")
                        .append(goodsList(d))
                        .append(", HS ")
                        .append(String.join(
                                ", ", d.goods.stream().map(Goods::hs).toList()))
                        .append(".\nThe undersigned declares that all the goods were produced in ")
                        .append(d.loading.country())
                        .append(" and comply with the rules of origin. Issued by the Chamber of Commerce of ")
                        .append(d.loading.name())
                        .append(" on ")
                        .append(filed)
                        .append(".\n");
            case "CONTRACT" -> {
                text.append("SALES CONTRACT No. SC-")
                        .append(filed.getYear())
                        .append('-')
                        .append(random.nextInt(100_000))
                        .append(", signed on ")
                        .append(filed)
                        .append(".\nThe seller ")
                        .append(exporter)
                        .append(" and the buyer ")
                        .append(importer)
                        .append(" agree as follows.\n");
                goodsLines(random, text, d);
                text.append("Shipment from ")
                        .append(d.loading.name())
                        .append(" to ")
                        .append(d.discharge.name())
                        .append(" not later than ")
                        .append(filed.plusDays(60))
                        .append(". Payment: ")
                        .append(PAYMENTS.get(d.payment))
                        .append(". Disputes are settled by arbitration at ")
                        .append(pick(random, ARBITRATION))
                        .append(".\n");
            }
            default ->
                text.append("From: ")
                        .append(pick(random, PEOPLE))
                        .append(", ")
                        .append(companyName(d.exporter))
                        .append("\nTo: ")
                        .append(pick(random, PEOPLE))
                        .append(", ")
                        .append(companyName(d.importer))
                        .append("\nDate: ")
                        .append(filed)
                        .append("\n\nDear colleagues,\nplease find attached the commercial invoice and ")
                        .append("packing list for declaration ")
                        .append(d.id)
                        .append(". Container ")
                        .append(d.container)
                        .append(" with ")
                        .append(goodsList(d))
                        .append(" was loaded at ")
                        .append(d.loading.name())
                        .append(" on board ")
                        .append(d.vessel)
                        .append(" and is expected in ")
                        .append(d.discharge.name())
                        .append(" on ")
                        .append(filed.plusDays(random.nextInt(18, 40)))
                        .append(".\n");
        }
        clauses(random, text, d);
        return text.toString();
    }

    private static void goodsLines(SplittableRandom random, StringBuilder text, Declaration d) {
        long total = 0;
        int line = 1;
        for (Goods g : d.goods) {
            int quantity = random.nextInt(10, 5_000);
            int price = random.nextInt(g.minPrice, g.maxPrice + 1);
            total += (long) quantity * price;
            text.append("Item ")
                    .append(line++)
                    .append(": ")
                    .append(quantity)
                    .append(' ')
                    .append(g.unit)
                    .append(" of ")
                    .append(g.english)
                    .append(", HS ")
                    .append(g.hs)
                    .append(", unit price ")
                    .append(d.currency)
                    .append(' ')
                    .append(price)
                    .append(", amount ")
                    .append(d.currency)
                    .append(' ')
                    .append(quantity * (long) price)
                    .append(".\n");
        }
        text.append("Total amount: ")
                .append(d.currency)
                .append(' ')
                .append(total)
                .append(".\n");
    }

    private void clauses(SplittableRandom random, StringBuilder text, Declaration d) {
        String chapter = d.goods.getFirst().hs.substring(0, 2);
        switch (chapter) {
            case "03" ->
                text.append(
                        "Reefer container kept at minus 18 degrees Celsius throughout the voyage; health certificate attached. ");
            case "08", "09", "44" ->
                text.append("Phytosanitary certificate issued by the plant protection authority is attached. ");
            case "72", "73", "76" ->
                text.append("The goods may be subject to anti-dumping duties; mill test certificates attached. ");
            default -> {
                if (d.goods.getFirst().hs.startsWith("8507")) {
                    text.append(
                            "Dangerous goods: UN 3480 lithium ion batteries, class 9, packed according to the IMDG code. ");
                }
            }
        }
        if (random.nextInt(50) == 0) {
            text.append(pick(random, RARE_CLAUSES)).append(' ');
        }
        while (text.length() < TEXT_CHARS_DEFAULT) {
            text.append(pick(random, CLAUSES)
                            .replace("%TRANSHIP%", pick(random, TRANSHIPMENT_PORTS))
                            .replace("%BANK%", pick(random, BANKS))
                            .replace("%SWIFT%", "BK" + random.nextInt(100_000, 999_999) + "XX")
                            .replace("%ACCOUNT%", Long.toString(random.nextLong(1_000_000_000L, 9_999_999_999L)))
                            .replace("%INSPECTOR%", pick(random, INSPECTORS))
                            .replace(
                                    "%MARKS%",
                                    NAME_FIRST
                                                    .get(d.importer % NAME_FIRST.size())
                                                    .toUpperCase(Locale.ROOT) + "/"
                                            + d.discharge.name().toUpperCase(Locale.ROOT) + "/C NO. 1-"
                                            + random.nextInt(10, 999))
                            .replace("%COUNTRY%", d.loading.country()))
                    .append(' ');
        }
    }

    private String chineseText(SplittableRandom random, String type, Declaration d, LocalDate filed) {
        var text = new StringBuilder(CHINESE_TEXT_CHARS_DEFAULT + 200);
        int index = List.of(TYPES).indexOf(type);
        text.append(TYPES_ZH[index])
                .append(" 编号 ")
                .append(random.nextInt(1_000_000))
                .append("\n日期：")
                .append(filed)
                .append("\n卖方：")
                .append(companyName(d.exporter))
                .append("（")
                .append(companyId(d.exporter))
                .append("）")
                .append("\n买方：")
                .append(companyName(d.importer))
                .append("（")
                .append(companyId(d.importer))
                .append("）")
                .append("\n报关单号：")
                .append(d.id)
                .append('\n');
        for (Goods g : d.goods) {
            int quantity = random.nextInt(10, 5_000);
            int price = random.nextInt(g.minPrice, g.maxPrice + 1);
            text.append("货物名称：")
                    .append(g.chinese)
                    .append("，海关编码 ")
                    .append(g.hs)
                    .append("，数量 ")
                    .append(quantity)
                    .append("，单价 ")
                    .append(d.currency)
                    .append(' ')
                    .append(price)
                    .append("，金额 ")
                    .append(d.currency)
                    .append(' ')
                    .append(quantity * (long) price)
                    .append("。\n");
        }
        text.append("装运港：")
                .append(d.loading.chinese())
                .append("，目的港：")
                .append(d.discharge.chinese())
                .append("。\n付款方式：")
                .append(PAYMENTS_ZH.get(d.payment))
                .append("。\n");
        while (text.length() < CHINESE_TEXT_CHARS_DEFAULT) {
            text.append(pick(random, CLAUSES_ZH));
        }
        return text.toString();
    }

    private static String goodsList(Declaration d) {
        return String.join("; ", d.goods.stream().map(Goods::english).toList());
    }

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static int weighted(SplittableRandom random, double[] shares) {
        double u = random.nextDouble();
        for (int i = 0; i < shares.length - 1; i++) {
            u -= shares[i];
            if (u < 0) {
                return i;
            }
        }
        return shares.length - 1;
    }

    /** Independent streams per (seed, purpose, number): the SplitMix64 finaliser over their combination. */
    static long mix(long seed, int purpose, long n) {
        long z = seed * 0x9E3779B97F4A7C15L + purpose * 0xBF58476D1CE4E5B9L + n * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
