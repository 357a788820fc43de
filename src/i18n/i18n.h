/*
 * i18n.h - UI text in English and Japanese, as embedded tables.
 *
 * Messages are declared with MSG(ID, "English", "日本語") in the *.def files
 * next to this header (one per area, so areas can grow independently).
 * tr() is an array index: thread-safe, no allocation. Misspelled IDs fail
 * to compile.
 */
#ifndef CDCF_I18N_H
#define CDCF_I18N_H

enum lang { LANG_EN, LANG_JA, LANG_COUNT };

enum msg_id {
#define MSG(id, en, ja) id,
#include "i18n/messages.def"
#undef MSG
	MSG_COUNT
};

const char *tr(enum lang lang, enum msg_id id);
/* "en" / "ja"; lang_parse returns -1 for anything else (accepts "ja-JP", "en_US.UTF-8"). */
const char *lang_code(enum lang lang);
int lang_parse(const char *s);

/* Text of a recommendation level / assignment / node kind in lang. */
const char *tr_level(enum lang lang, int level);
const char *tr_assignment(enum lang lang, int assignment);

#endif
