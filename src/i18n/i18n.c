#include "i18n/i18n.h"

#include <string.h>

static const char *const table[MSG_COUNT][LANG_COUNT] = {
#define MSG(id, en, ja) [id] = {en, ja},
#include "i18n/messages.def"
#undef MSG
};

const char *tr(enum lang lang, enum msg_id id)
{
	if ((unsigned)id >= MSG_COUNT)
		return "?";
	if ((unsigned)lang >= LANG_COUNT)
		lang = LANG_EN;
	return table[id][lang];
}

const char *lang_code(enum lang lang)
{
	return lang == LANG_JA ? "ja" : "en";
}

int lang_parse(const char *s)
{
	if (!s)
		return -1;
	if (!strncmp(s, "ja", 2) && (s[2] == '\0' || s[2] == '-' || s[2] == '_' || s[2] == '.'))
		return LANG_JA;
	if (!strncmp(s, "en", 2) && (s[2] == '\0' || s[2] == '-' || s[2] == '_' || s[2] == '.'))
		return LANG_EN;
	return -1;
}

const char *tr_level(enum lang lang, int level)
{
	static const enum msg_id ids[] = {MSG_LEVEL_NOT_REQUIRED, MSG_LEVEL_BASIC,
					  MSG_LEVEL_STANDARD,	  MSG_LEVEL_ADVANCED,
					  MSG_LEVEL_OPTIONAL,	  MSG_LEVEL_IN_SCOPE};
	if (level < 0 || level >= (int)(sizeof(ids) / sizeof(ids[0])))
		return tr(lang, MSG_NOT_SELECTED);
	return tr(lang, ids[level]);
}

const char *tr_assignment(enum lang lang, int assignment)
{
	static const enum msg_id ids[] = {MSG_ASSIGN_UNASSIGNED, MSG_ASSIGN_INSOURCE,
					  MSG_ASSIGN_OUTSOURCE, MSG_ASSIGN_HYBRID};
	if (assignment < 0 || assignment >= (int)(sizeof(ids) / sizeof(ids[0])))
		return "?";
	return tr(lang, ids[assignment]);
}
