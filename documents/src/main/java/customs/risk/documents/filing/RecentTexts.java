package customs.risk.documents.filing;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The title and text of the documents indexed last, up to a bound on their size. Whoever reads the
 * documents of a load right after it was indexed (the alert sweep) finds them here instead of
 * asking the search engine to send them back.
 */
final class RecentTexts {

    private final long maxChars;
    private final LinkedHashMap<String, String> texts = new LinkedHashMap<>();
    private long chars;

    RecentTexts(long maxChars) {
        this.maxChars = maxChars;
    }

    synchronized void put(String documentId, String text) {
        String old = texts.remove(documentId);
        if (old != null) {
            chars -= old.length();
        }
        if (text.length() > maxChars) {
            return;
        }
        texts.put(documentId, text);
        chars += text.length();
        for (Iterator<String> oldest = texts.values().iterator(); chars > maxChars; ) {
            chars -= oldest.next().length();
            oldest.remove();
        }
    }

    /** Those of these documents still held, by id. */
    synchronized Map<String, String> get(Collection<String> documentIds) {
        var found = new HashMap<String, String>();
        for (String id : documentIds) {
            String text = texts.get(id);
            if (text != null) {
                found.put(id, text);
            }
        }
        return found;
    }
}
