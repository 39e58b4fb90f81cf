//! The vote's word tables: for each of en, es, fr, de, pt, it, nl its most
//! common function words and chat forms (about 90–150, accented and
//! unaccented), and the weak words. Each table is written sorted; when
//! compiling they are merged into one sorted table of words with the mask
//! of the tables holding each, so looking a word up is one binary search
//! and no table is set up at run time. A table out of order fails the build.

/// English function words and chat forms.
#[rustfmt::skip]
const EN: &[&str] = &[
    "a", "about", "after", "again", "already", "also", "am", "an", "and", "any", "anyone", "are",
    "as", "asap", "at", "back", "be", "because", "been", "btw", "but", "by", "can", "can't", "cant",
    "could", "did", "didn't", "didnt", "do", "does", "doesn't", "doesnt", "don't", "dont", "even",
    "for", "from", "get", "getting", "got", "guys", "had", "has", "have", "haven't", "he", "hello",
    "help", "here", "hey", "hi", "how", "i", "i'll", "i'm", "i've", "if", "in", "is", "isn't", "it",
    "it's", "its", "just", "know", "like", "lol", "me", "my", "need", "never", "no", "not", "now",
    "of", "on", "only", "or", "order", "our", "out", "please", "pls", "plz", "refund", "since",
    "so", "still", "thank", "thanks", "that", "that's", "thats", "the", "them", "then", "there",
    "they", "this", "thx", "to", "today", "ty", "u", "up", "ur", "us", "very", "was", "wasn't",
    "we", "were", "what", "when", "where", "who", "why", "will", "with", "won't", "would", "wtf",
    "yes", "yesterday", "yet", "you", "your",
];
/// Spanish function words and chat forms.
#[rustfmt::skip]
const ES: &[&str] = &[
    "a", "ahora", "al", "algo", "alguien", "algun", "alguna", "algún", "aqui", "aquí", "aun",
    "ayer", "ayuda", "aún", "bien", "buen", "buenas", "buenos", "cobro", "como", "con", "cuando",
    "cuanto", "cuenta", "cuesta", "cuándo", "cuánto", "cómo", "de", "deja", "del", "desde", "dia",
    "dias", "dice", "dinero", "donde", "dos", "días", "dónde", "el", "en", "envio", "envios",
    "envío", "envíos", "es", "esa", "ese", "eso", "esta", "estan", "este", "esto", "estoy", "está",
    "están", "favor", "fue", "gracias", "ha", "hace", "hasta", "hay", "he", "hola", "hoy", "la",
    "las", "le", "les", "llega", "llego", "llegó", "lo", "los", "mal", "manana", "mas", "mañana",
    "me", "mi", "mis", "mucho", "muy", "más", "nada", "nadie", "necesito", "ni", "no", "nos",
    "nunca", "o", "otra", "otro", "para", "pedido", "pero", "pk", "podeis", "podemos",
    "podría", "podéis", "por", "porfa", "porfavor", "porque", "puede", "pueden", "puedes", "puedo",
    "q", "que", "quiero", "quisiera", "qué", "reembolso", "saludos", "se", "si", "sigo", "sigue",
    "sin", "sois", "son", "su", "sus", "sí", "tambien", "también", "tarjeta", "tb", "te", "teneis",
    "tengo", "tenéis", "tiene", "tienen", "tmb", "todavia", "todavía", "todo", "todos", "tres",
    "tu", "tú", "un", "una", "usted", "ustedes", "vez", "vosotros", "vuestra", "vuestro", "xfa",
    "xq", "y", "ya", "yo",
];
/// French function words and chat forms.
#[rustfmt::skip]
const FR: &[&str] = &[
    "a", "ai", "aide", "au", "aujourd'hui", "aussi", "aux", "avec", "avez", "bcp", "bien", "bjr",
    "bonjour", "bonsoir", "c'", "ca", "car", "ce", "cela", "ces", "cest", "cette", "chez", "colis",
    "combien", "commande", "comment", "compte", "d'", "dans", "de", "deja", "depuis", "des", "dois",
    "donc", "dsl", "du", "déjà", "elle", "en", "encore", "est", "et", "ete", "faire", "fait",
    "faut", "hier", "il", "ils", "j'", "jai", "jamais", "je", "jsp", "l'", "la", "le", "les",
    "livraison", "m'", "ma", "mais", "mal", "mdr", "me", "merci", "mes", "moi", "mon", "n'", "ne",
    "ni", "non", "nos", "notre", "nous", "on", "ont", "ou", "oui", "où", "par", "pas", "personne",
    "peut", "peux", "pk", "plus", "pour", "pourquoi", "pouvez", "qd", "qu'", "quand", "que",
    "quelqu'un", "qui", "quoi", "recu", "remboursement", "reçu", "rien", "s'", "sa", "salut",
    "sans", "se", "ses", "si", "slt", "son", "sont", "stp", "suis", "sur", "svp", "t'", "te",
    "tjrs", "tjs", "toujours", "tout", "tres", "très", "tu", "un", "une", "veux", "vos", "votre",
    "voudrais", "vous", "y", "à", "ça", "été",
];
/// German function words and chat forms.
#[rustfmt::skip]
const DE: &[&str] = &[
    "aber", "alle", "als", "also", "am", "an", "auch", "auf", "aus", "bei", "bekommen",
    "bestellung", "bin", "bis", "bitte", "da", "dank", "danke", "dann", "das", "dass", "daß", "dem",
    "den", "denn", "der", "des", "dich", "die", "dir", "doch", "du", "ein", "eine", "einem",
    "einen", "einer", "er", "es", "euch", "fuer", "funktioniert", "fur", "für", "geht", "geld",
    "gestern", "gibt", "gruesse", "grüße", "guten", "hab", "habe", "haben", "hallo", "hat", "heute",
    "hier", "hilfe", "ich", "ihr", "ihre", "im", "immer", "in", "ist", "ja", "jetzt", "kann",
    "kein", "keine", "keinem", "keinen", "koennen", "komm", "komme", "kommt", "konnen", "konto",
    "können", "leider", "lg", "mal", "man", "mehr", "mein", "meine", "meinen", "meiner", "mfg",
    "mich", "mir", "mit", "moin", "morgen", "nach", "ne", "nein", "ner", "nicht", "nichts", "nix",
    "noch", "nur", "ob", "oder", "paket", "passwort", "per", "rechnung", "schon", "sehr", "seit",
    "sich", "sie", "sind", "so", "tag", "uber", "ueber", "um", "und", "uns", "vielen", "von", "vor",
    "war", "warum", "was", "weil", "wenn", "wer", "wie", "wieder", "wieso", "wir", "wird", "wo",
    "wurde", "zu", "zum", "zur", "zuruck", "zurueck", "zurück", "über",
];
/// Portuguese function words and chat forms.
#[rustfmt::skip]
const PT: &[&str] = &[
    "a", "agora", "ainda", "amanha", "amanhã", "ao", "aos", "aqui", "as", "ate", "até", "boa",
    "bom", "com", "comprei", "conta", "da", "das", "de", "dia", "dinheiro", "do", "dos", "e", "ela",
    "ele", "em", "entrega", "essa", "esse", "esta", "estou", "está", "eu", "foi", "hj", "hoje",
    "isso", "isto", "ja", "já", "mais", "mas", "me", "meu", "minha", "muito", "na", "nada", "nao",
    "ninguem", "ninguém", "no", "nos", "num", "numa", "não", "o", "obrigada", "obrigado", "oi",
    "ola", "olá", "onde", "os", "para", "pedido", "por", "porque", "posso", "pq", "pra", "preciso",
    "q", "quando", "que", "quero", "recebi", "se", "sem", "senha", "ser", "seu", "sua", "tambem",
    "também", "tb", "te", "tem", "tenho", "tu", "tudo", "um", "uma", "vai", "vc", "vcs", "voce",
    "você", "vou", "é",
];
/// Italian function words and chat forms.
#[rustfmt::skip]
const IT: &[&str] = &[
    "a", "al", "alla", "alle", "anche", "ancora", "avete", "buonasera", "buongiorno", "c'", "che",
    "ci", "ciao", "cmq", "come", "con", "cosa", "da", "dal", "dalla", "dei", "del", "della", "di",
    "domani", "dove", "e", "gia", "già", "gli", "grazie", "ha", "hai", "ho", "ieri", "il", "in",
    "l'", "la", "le", "lo", "ma", "mai", "me", "mi", "mia", "mio", "molto", "nel", "nella",
    "nessuno", "niente", "nn", "no", "non", "o", "oggi", "ordine", "pacco", "per", "perche",
    "perché", "piu", "più", "posso", "potete", "qualcuno", "quando", "questa", "questo", "se",
    "sempre", "si", "so", "sono", "su", "sul", "te", "ti", "tu", "tutto", "un", "una", "vorrei",
    "xké", "è",
];
/// Dutch function words and chat forms.
#[rustfmt::skip]
const NL: &[&str] = &[
    "aan", "al", "alsjeblieft", "bedankt", "ben", "besteld", "bestelling", "bij", "dag", "dan",
    "dank", "dat", "de", "deze", "die", "dit", "doen", "echt", "een", "en", "er", "even", "geen",
    "geleverd", "gisteren", "goed", "graag", "groeten", "groetjes", "hallo", "heb", "hebben",
    "heeft", "het", "hier", "hoe", "hoi", "ik", "in", "is", "ja", "je", "jij", "jullie", "kan",
    "kunnen", "maar", "me", "met", "mij", "mijn", "morgen", "mvg", "na", "naar", "nee", "niet",
    "niks", "nog", "nu", "of", "om", "ons", "ontvangen", "ook", "op", "pakket", "te", "toch", "tot",
    "u", "uit", "van", "vandaag", "veel", "voor", "waar", "waarom", "wanneer", "was", "wat", "we",
    "wel", "werd", "wie", "wij", "wil", "wordt", "ze", "zijn", "zo", "zou",
];
/// Words worth only weak points: chat forms used across languages or
/// too short to trust (`u`, `q`, `thx`).
#[rustfmt::skip]
const WEAK_WORDS: &[&str] = &[
    "asap", "btw", "lg", "lol", "nn", "pls", "plz", "pq", "q", "tb", "thx", "tmb", "ty", "u", "ur",
    "wtf",
];

/// Every table's words once, sorted, each with the mask of the tables that
/// hold it ([`WEAK_BIT`] for [`WEAK_WORDS`]): built when compiling, so a
/// word costs one binary search.
static MERGED: [(&str, u8); merged_len()] = merge();

/// The tables merged: the seven languages, then the weak words.
const ALL_TABLES: [&[&str]; 8] = [EN, ES, FR, DE, PT, IT, NL, WEAK_WORDS];

/// Mask bit of a word in [`WEAK_WORDS`].
pub const WEAK_BIT: u8 = 1 << 7;

/// Orders two words bytewise, as `str`'s `Ord` does, in a `const fn`.
const fn before(a: &str, b: &str) -> Option<bool> {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return Some(a[i] < b[i]);
        }
        i += 1;
    }
    if a.len() == b.len() {
        None
    } else {
        Some(a.len() < b.len())
    }
}

/// How many distinct words the eight tables hold. Panics (a compile error)
/// on a table that is not strictly sorted.
const fn merged_len() -> usize {
    let mut heads = [0usize; 8];
    let mut count = 0;
    while next_word(&mut heads).is_some() {
        count += 1;
    }
    count
}

/// The merged table (see [`MERGED`]).
const fn merge() -> [(&'static str, u8); merged_len()] {
    let mut out = [("", 0u8); merged_len()];
    let mut heads = [0usize; 8];
    let mut i = 0;
    while let Some(entry) = next_word(&mut heads) {
        out[i] = entry;
        i += 1;
    }
    out
}

/// The smallest word at the tables' `heads` with its mask; advances past it.
const fn next_word(heads: &mut [usize; 8]) -> Option<(&'static str, u8)> {
    let mut smallest: Option<&'static str> = None;
    let mut t = 0;
    while t < 8 {
        if heads[t] < ALL_TABLES[t].len() {
            let word = ALL_TABLES[t][heads[t]];
            if heads[t] > 0 && !matches!(before(ALL_TABLES[t][heads[t] - 1], word), Some(true)) {
                panic!("a word table is not strictly sorted");
            }
            if let Some(s) = smallest {
                if matches!(before(word, s), Some(true)) {
                    smallest = Some(word);
                }
            } else {
                smallest = Some(word);
            }
        }
        t += 1;
    }
    let Some(word) = smallest else {
        return None;
    };
    let mut mask = 0u8;
    let mut t = 0;
    while t < 8 {
        if heads[t] < ALL_TABLES[t].len() && before(ALL_TABLES[t][heads[t]], word).is_none() {
            mask |= 1 << t;
            heads[t] += 1;
        }
        t += 1;
    }
    Some((word, mask))
}

/// The mask of the tables that hold `word` (0 if none).
pub fn lookup(word: &str) -> u8 {
    MERGED
        .binary_search_by(|(w, _)| (*w).cmp(word))
        .map_or(0, |i| MERGED.get(i).map_or(0, |(_, mask)| *mask))
}

/// The word tables, in [`TAGS`] order, then the weak words (for tests).
#[cfg(test)]
pub fn tables() -> [&'static [&'static str]; 8] {
    ALL_TABLES
}
