package customs.risk.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small bundles for tests, file by file, exactly as a user would. */
final class TestBundle {

    static final String COMPANIES = """
            company_id,name,country,registered_on,dissolved_on,address,phone,email,employees
            C1,Acme Trading,KR,2010-01-01,,"12 Harbour Rd., Busan",051-123-4567,info@acme.kr,40
            C2,Shenzhen Beta Ltd,CN,2015-05-05,,"88 Nanshan Ave, Shenzhen",+86 755 1234 5678,sales@beta.cn,120
            C3,Busan Freight,KR,2019-03-01,,"12 HARBOUR ROAD BUSAN",+82 51 123 4567,,3
            B1,Quick Customs Brokers,KR,2001-01-01,,"1 Customs St, Busan",,,25
            """;
    static final String OFFICES = """
            office_code,name,country,kind
            KRPUS,Busan Port,KR,SEAPORT
            KRICN,Incheon Airport,KR,AIRPORT
            """;
    static final String DECLARATIONS = """
            declaration_id,filed_on,direction,office_code,seller_id,buyer_id,declarant_id,hs_code,description,origin_country,departure_country,destination_country,transport_mode,quantity,quantity_unit,net_mass_kg,declared_value,currency,duty_rate
            D1:1,2024-01-02,IMPORT,KRPUS,C2,C1,B1,847130,laptops,CN,CN,KR,SEA,100,PCS,250,40000,USD,0
            D1:2,2024-01-02,IMPORT,KRPUS,C2,C1,B1,8471300000,tablets,CN,CN,KR,SEA,50,PCS,30,10000,EUR,0
            D2,2024-02-10,EXPORT,KRICN,C1,C2,,610910,t-shirts,KR,KR,CN,AIR,1000,PCS,200,5000,,13
            """;
    static final String RATES = """
            currency,valid_on,rate_to_base
            EUR,2023-12-01,1.10
            EUR,2024-01-15,1.20
            """;

    private final Path dir;

    TestBundle(Path dir) {
        this.dir = dir;
    }

    /** The consistent small bundle most tests start from. */
    static TestBundle standard(Path dir) {
        return new TestBundle(dir)
                .file("companies.csv", COMPANIES)
                .file("offices.csv", OFFICES)
                .file("exchange_rates.csv", RATES)
                .file("declarations.csv", DECLARATIONS);
    }

    TestBundle file(String name, String content) {
        return bytes(name, content.getBytes(StandardCharsets.UTF_8));
    }

    TestBundle bytes(String name, byte[] content) {
        try {
            Path path = dir.resolve(name);
            Files.createDirectories(path.getParent());
            Files.write(path, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }
}
