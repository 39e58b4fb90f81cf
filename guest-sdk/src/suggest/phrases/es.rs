//! Spanish: one neutral-warm register with informal *tú*, "we" and "I".

use super::{DISTRESS, INVOICE_REQUEST, IntentWords, Phrases};
use crate::suggest::facts::Need;

const fn words(intent: &'static str, subject: &'static str) -> IntentWords {
    IntentWords { intent, subject }
}

const INTENTS: &[IntentWords] = &[
    words("billing", "el cobro"),
    words(INVOICE_REQUEST, "tu factura"),
    words("refund", "tu reembolso"),
    words("delivery", "tu envío"),
    words("damaged", "el artículo dañado"),
    words("warranty", "tu reparación"),
    words("account", "tu cuenta"),
    words("technical", "el problema"),
    words("outage", "la incidencia"),
    words("cancellation", "tu cancelación"),
    words("feature-request", "tu sugerencia"),
    words("legal", "tu reclamación"),
    words("legal-request", "tu solicitud"),
    words(DISTRESS, "tu mensaje"),
    words("safety", "tu aviso de seguridad"),
    words("complaint", "tu queja"),
    words("", "tu mensaje"),
];

const NEEDS: &[(Need, &str)] = &[
    (Need::OrderId, "tu número de pedido"),
    (
        Need::AccountEmail,
        "el correo electrónico de tu cuenta (nunca tu contraseña)",
    ),
    (Need::Amount, "el importe cobrado"),
    (Need::Date, "la fecha del cargo"),
    (Need::InvoiceId, "el número de factura"),
    (Need::Reason, "el motivo del reembolso"),
    (Need::Photo, "una foto del artículo"),
    (Need::Error, "el mensaje de error o una captura de pantalla"),
    (
        Need::Steps,
        "una breve descripción de lo que estabas haciendo cuando ocurrió",
    ),
    (Need::Plan, "el nombre del plan que quieres cancelar"),
    (Need::Suspect, "una captura del mensaje que recibiste"),
    (Need::UseCase, "algunos detalles sobre cómo lo usarías"),
    (
        Need::Detail,
        "un poco más de detalle sobre lo que necesitas",
    ),
];

const PROBLEMS: &[(&str, &str)] = &[
    (DISTRESS, "lo que estás pasando"),
    ("safety", "lo ocurrido"),
    ("legal", "la forma en que se ha gestionado tu caso"),
    ("fraud", "este problema de seguridad"),
    ("double-charge", "el doble cobro"),
    ("outage", "la caída del servicio"),
    ("outage-burst", "la caída del servicio"),
    (
        "repeat-contact",
        "que hayas tenido que escribirnos otra vez",
    ),
    ("long-wait", "la espera tan larga"),
    ("delivery", "el retraso de tu pedido"),
    ("damaged", "que tu pedido haya llegado dañado"),
    ("billing", "lo ocurrido con el cobro"),
    ("refund", "lo que está tardando tu reembolso"),
    ("account", "que no puedas entrar en tu cuenta"),
    ("technical", "el problema que estás teniendo"),
    ("", "las molestias que todo esto te ha causado"),
];

/// Spanish, first person plural: "Gracias por escribirnos, Lucía."
pub(super) const WE: Phrases = Phrases {
    lang: "es",
    hello: &[],
    thanks: &[
        "Gracias por escribirnos, {name}.",
        "Gracias por ponerte en contacto con nosotros, {name}.",
        "{name}, gracias por tu mensaje.",
        "Gracias por avisarnos, {name}.",
    ],
    empathy: &[
        "Lamentamos mucho lo ocurrido, {name}.",
        "{name}, lo sentimos: no es la experiencia que queremos para ti.",
        "Entendemos lo frustrante que es esto, {name}.",
        "Disculpa las molestias, {name}.",
    ],
    concern: &[
        "Entendemos que quieras asegurarte, {name}.",
        "{name}, entendemos tu duda.",
        "Es normal preguntarlo, {name}; entendemos tu inquietud.",
    ],
    severe_empathy: &[
        "Lamentamos mucho {problem}, {name}.",
        "{name}, entendemos tu malestar y sentimos mucho {problem}.",
        "{name}, sabemos que esto está siendo difícil y sentimos mucho {problem}.",
    ],
    severe_calm: &[
        "Gracias por tu mensaje, {name}.",
        "{name}, gracias por escribirnos sobre este asunto.",
    ],
    condolences: &[
        "Sentimos mucho tu pérdida, {name}.",
        "{name}, te acompañamos en el sentimiento.",
    ],
    returning: &[
        "Nos alegra volver a saber de ti.",
        "Qué gusto tenerte de nuevo por aquí.",
    ],
    praise_specific: &[
        "Gracias por tus palabras sobre {praised}, {name}.",
        "{name}, nos alegra mucho saber que disfrutas {praised}.",
        "Da gusto leer lo que nos cuentas sobre {praised}, {name}.",
    ],
    praise: &[
        "Muchas gracias por tus palabras, {name}.",
        "Gracias por tomarte el tiempo de escribirnos, {name}.",
        "Mensajes como el tuyo nos alegran el día, {name}.",
    ],
    praise_after: &[
        "Se lo haremos saber al equipo.",
        "Compartiremos tu mensaje con todo el equipo.",
        "Al equipo le va a encantar leerlo.",
    ],
    close: &[
        "Nos alegra que ya esté todo resuelto, {name}.",
        "Un placer ayudarte, {name}.",
        "Gracias a ti, {name}.",
        "Nos alegra mucho leerlo, {name}.",
    ],
    ask_open: &[
        "¿En qué podemos ayudarte?",
        "Cuéntanos, ¿qué necesitas?",
        "Cuéntanos, ¿en qué te podemos ayudar?",
    ],
    ask: &[
        "¿Podrías enviarnos {detail}? Así podremos resolverlo.",
        "Para ayudarte necesitamos {detail}.",
        "¿Nos mandas {detail}? Con eso nos ponemos en marcha.",
    ],
    ask_private: &[
        "¿Podrías enviarnos {detail} por mensaje privado ({private})? Así podremos resolverlo.",
        "Cuando puedas, envíanos {detail} por mensaje privado ({private}). Seguimos desde ahí.",
        "Para ayudarte necesitamos {detail}. Por seguridad, escríbenos por mensaje privado ({private}).",
    ],
    take_private: &[
        "Para revisarlo de forma segura, escríbenos por mensaje privado ({private}) con {what}. Seguimos desde ahí.",
        "¿Nos escribes por mensaje privado ({private}) con {what}? Allí lo vemos con calma.",
    ],
    take_private_known: &[
        "Escríbenos por mensaje privado ({private}) para que podamos revisar {subject} de forma segura.",
        "¿Nos escribes por mensaje privado ({private})? Allí revisamos {subject} contigo.",
    ],
    privacy_note: &[
        "Por favor, no compartas datos personales en público.",
        "Recuerda no dejar datos personales ni de pago a la vista de todos.",
    ],
    escalate: &[
        "Vamos a pasar tu caso a un especialista que podrá resolverlo.",
        "Ponemos tu caso en manos de nuestro equipo especializado.",
    ],
    escalate_next: &[
        "Te responderá {response_time} con toda la conversación delante, así que no tendrás que repetir nada.",
        "Tendrá acceso a todo el historial, así que no hará falta que repitas nada; recibirás respuesta {response_time}.",
    ],
    acknowledge: &[
        "Estamos revisando {subject} y te responderemos {response_time}.",
        "Ya estamos mirando {subject}; te escribimos {response_time} con novedades.",
        "Nos ponemos ahora mismo con {subject} y te decimos algo {response_time}.",
    ],
    safety_first: &[
        "Busca primero atención médica para quien se haya hecho daño y deja de usar el producto hasta que lo revisemos.",
        "Lo primero es tu seguridad: busca atención médica para quien esté herido y no vuelvas a usar el producto hasta que lo hayamos revisado.",
    ],
    safety_unhurt: &[
        "Nos alegra que nadie se haya hecho daño. Deja de usar el producto hasta que lo revisemos.",
        "Menos mal que nadie resultó herido; no vuelvas a usar el producto hasta que lo hayamos revisado.",
    ],
    crisis: &[
        "Si estás en peligro o piensas en hacerte daño, llama ahora al número de emergencias o a una línea de ayuda en crisis; atienden de día y de noche.",
    ],
    severe_next: &[
        "Una persona del equipo ya está revisando {subject} y te responderá {response_time}.",
        "Estamos tratando {subject} con prioridad y te daremos una respuesta {response_time}.",
        "Estamos analizando {subject} ahora mismo; tendrás noticias nuestras {response_time}.",
    ],
    order_followup: &[
        "Revisamos {order} enseguida.",
        "Ya estamos comprobando {order}.",
        "Vamos a mirar {order} ahora mismo.",
    ],
    answer_followup: &[
        "Para cualquier otra cosa, responde aquí mismo.",
        "Si necesitas algo más, escríbenos por aquí y te ayudamos.",
    ],
    fix_followup: &[
        "Si con esto no se resuelve, respóndenos y lo investigamos.",
        "Si sigue sin funcionar, escríbenos aquí y lo revisamos.",
    ],
    tip: &["Consejo: {tip}"],
    warm_closing: &[
        "Estamos aquí para ayudarte.",
        "Aquí nos tienes para lo que necesites.",
    ],
    your_order: "tu pedido",
    order_ref: "el pedido {id}",
    and: " y ",
    needs: NEEDS,
    problems: PROBLEMS,
    intents: INTENTS,
};

/// Spanish, first person singular: "Gracias por escribirme, Lucía."
pub(super) const I: Phrases = Phrases {
    lang: "es",
    thanks: &[
        "Gracias por escribirme, {name}.",
        "Gracias por ponerte en contacto conmigo, {name}.",
        "{name}, gracias por tu mensaje.",
        "Gracias por avisarme, {name}.",
    ],
    empathy: &[
        "Lamento mucho lo ocurrido, {name}.",
        "{name}, lo siento: no es la experiencia que quiero para ti.",
        "Entiendo lo frustrante que es esto, {name}.",
        "Disculpa las molestias, {name}.",
    ],
    concern: &[
        "Entiendo que quieras asegurarte, {name}.",
        "{name}, entiendo tu duda.",
        "Es normal preguntarlo, {name}; entiendo tu inquietud.",
    ],
    severe_empathy: &[
        "Lamento mucho {problem}, {name}.",
        "{name}, entiendo tu malestar y siento mucho {problem}.",
        "{name}, sé que esto está siendo difícil y siento mucho {problem}.",
    ],
    severe_calm: &[
        "Gracias por tu mensaje, {name}.",
        "{name}, gracias por escribirme sobre este asunto.",
    ],
    condolences: &[
        "Siento mucho tu pérdida, {name}.",
        "{name}, te acompaño en el sentimiento.",
    ],
    returning: &[
        "Me alegra volver a saber de ti.",
        "Qué gusto tenerte de nuevo por aquí.",
    ],
    praise_specific: &[
        "Gracias por tus palabras sobre {praised}, {name}.",
        "{name}, me alegra mucho saber que disfrutas {praised}.",
        "Da gusto leer lo que me cuentas sobre {praised}, {name}.",
    ],
    praise: &[
        "Muchas gracias por tus palabras, {name}.",
        "Gracias por tomarte el tiempo de escribirme, {name}.",
        "Mensajes como el tuyo me alegran el día, {name}.",
    ],
    praise_after: &[
        "Se lo haré saber al equipo.",
        "Compartiré tu mensaje con todo el equipo.",
        "Al equipo le va a encantar leerlo.",
    ],
    close: &[
        "Me alegra que ya esté todo resuelto, {name}.",
        "Un placer ayudarte, {name}.",
        "Gracias a ti, {name}.",
        "Nos alegra mucho leerlo, {name}.",
    ],
    ask_open: &[
        "¿En qué puedo ayudarte?",
        "Cuéntame, ¿qué necesitas?",
        "Cuéntame, ¿en qué te puedo ayudar?",
    ],
    ask: &[
        "¿Podrías enviarme {detail}? Así podré resolverlo.",
        "Para ayudarte necesito {detail}.",
        "¿Me mandas {detail}? Con eso me pongo en marcha.",
    ],
    ask_private: &[
        "¿Podrías enviarme {detail} por mensaje privado ({private})? Así podré resolverlo.",
        "Cuando puedas, envíame {detail} por mensaje privado ({private}). Sigo desde ahí.",
        "Para ayudarte necesito {detail}. Por seguridad, escríbeme por mensaje privado ({private}).",
    ],
    take_private: &[
        "Para revisarlo de forma segura, escríbeme por mensaje privado ({private}) con {what}. Sigo desde ahí.",
        "¿Me escribes por mensaje privado ({private}) con {what}? Allí lo vemos con calma.",
    ],
    take_private_known: &[
        "Escríbeme por mensaje privado ({private}) para que pueda revisar {subject} de forma segura.",
        "¿Me escribes por mensaje privado ({private})? Allí reviso {subject} contigo.",
    ],
    escalate: &[
        "Voy a pasar tu caso a un especialista que podrá resolverlo.",
        "Pongo tu caso en manos de nuestro equipo especializado.",
    ],
    acknowledge: &[
        "Estoy revisando {subject} y te responderé {response_time}.",
        "Ya estoy mirando {subject}; te escribo {response_time} con novedades.",
        "Me pongo ahora mismo con {subject} y te digo algo {response_time}.",
    ],
    crisis: &[
        "Si estás en peligro o piensas en hacerte daño, llama ahora al número de emergencias o a una línea de ayuda en crisis; atienden de día y de noche.",
    ],
    severe_next: &[
        "Ya estoy revisando {subject} personalmente y te responderé {response_time}.",
        "Estoy tratando {subject} con prioridad y te daré una respuesta {response_time}.",
        "Estoy analizando {subject} ahora mismo; tendrás noticias mías {response_time}.",
    ],
    order_followup: &[
        "Reviso {order} enseguida.",
        "Ya estoy comprobando {order}.",
        "Voy a mirar {order} ahora mismo.",
    ],
    answer_followup: &[
        "Para cualquier otra cosa, responde aquí mismo.",
        "Si necesitas algo más, escríbeme por aquí y te ayudo.",
    ],
    fix_followup: &[
        "Si con esto no se resuelve, respóndeme y lo investigo.",
        "Si sigue sin funcionar, escríbeme aquí y lo reviso.",
    ],
    warm_closing: &[
        "Estoy aquí para ayudarte.",
        "Aquí me tienes para lo que necesites.",
    ],
    ..WE
};
