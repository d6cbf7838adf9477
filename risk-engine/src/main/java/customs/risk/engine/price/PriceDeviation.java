package customs.risk.engine.price;

/**
 * How a declared unit price compares with its peers.
 *
 * @param robustZ (log unit price - peer median) / (1.4826 * peer MAD): negative for cheaper
 * @param ratioToMedian unit price divided by the peer median (7.2 means 7.2 times the usual price)
 * @param peerGroup the peers in words, e.g. "HS 610910 from VN"
 * @param peers how many items the peer group holds
 * @param detail how the price model weighed it beyond the peer rule, empty when it did not
 */
public record PriceDeviation(double robustZ, double ratioToMedian, String peerGroup, int peers, String detail) {

    public PriceDeviation(double robustZ, double ratioToMedian, String peerGroup, int peers) {
        this(robustZ, ratioToMedian, peerGroup, peers, "");
    }

    /** E.g. "unit price 7.2x the median of HS 610910 from VN (143 peers)". */
    public String describe() {
        return String.format(
                "unit price %.2gx the median of %s (%d peers%s)",
                ratioToMedian, peerGroup, peers, detail.isEmpty() ? "" : "; " + detail);
    }
}
