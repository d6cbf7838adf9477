package customs.risk.engine.ranking;

/**
 * What a company's own network says about it, apart from any inspection: the noisy-or of its
 * loops, shell cluster and price pattern. Kept with its score, so that a declaration filed later
 * can be scored against its seller and buyer without rescoring everything.
 *
 * @param structure 0 to 1
 * @param reason the strongest of those signals in words, null when none fired
 */
public record PartyContext(double structure, String reason) {

    public static final PartyContext NONE = new PartyContext(0, null);
}
