// Interface strings of bulletins in English, Ukrainian and Russian, merged into the language files under
// `bulletins` (the type of en.ts checks that the other two have every key).

export const bulletinsEn = {
  title: 'Bulletins',
  intro:
    'Reports of the mission, each drafted from the data of one day (incidents by verdict and sector, findings published, agreements starting or lapsing, prisoner exchanges) and revised by an editor.',
  none: 'No bulletin has been published yet.',
  draftTitle: 'Draft a bulletin',
  draftHelp:
    'Drafts the day’s bulletin from the published record (Kyiv time). It stays a draft, seen only by the mission’s staff, until you publish it.',
  date: 'Day',
  draft: 'Draft',
  reportOn: 'Report on {{date}}',
  publishedOn: 'published {{date}}',
  version: 'version {{version}}',
  edit: 'Edit this bulletin',
  editTitle: 'Editing: {{title}}',
  editorsOnly: 'Only editors may edit bulletins. Sign in as an editor.',
  leftOut_one:
    '{{count}} unpublished incident of this day was left out: a bulletin carries only published data.',
  leftOut_other:
    '{{count}} unpublished incidents of this day were left out: a bulletin carries only published data.',
  fieldTitle: 'Title',
  fieldSummary: 'Summary (shown in search results and link previews)',
  fieldText: 'Text',
  markdownHelp: '(Markdown; HTML is shown as text)',
  fieldNote: 'What you changed, and why (kept with the version)',
  write: 'Write',
  preview: 'Preview',
  save: 'Save as a new version',
  saveFirst: 'Save your changes before publishing.',
  saved: 'Saved as a new version.',
  publish: 'Publish version {{version}}',
  publishedNow: 'Published: the public now reads this version.',
  versions: 'Versions',
  related: 'Related',
  noRelated: 'Nothing related yet.',
  relatedAgreements: 'Agreements',
  relatedIncidents: 'Incidents',
  relatedBulletins: 'Bulletins',
  reason: {
    linked: 'linked in the text',
    'same-day': 'of the same day',
    'links-here': 'links here',
    'shares-incident': 'shares an incident',
  },
  status: {
    draft: 'draft',
    published: 'published',
    'published-with-changes': 'published; later changes not yet published',
  },
};

export const bulletinsUk = {
  title: 'Бюлетені',
  intro:
    'Звіти місії, кожен складений з даних одного дня (інциденти за висновком і сектором, оприлюднені висновки, угоди, що набирають чинності або спливають, обміни полоненими) і відредагований редактором.',
  none: 'Ще не оприлюднено жодного бюлетеня.',
  draftTitle: 'Скласти бюлетень',
  draftHelp:
    'Складає бюлетень дня з оприлюднених даних (за київським часом). Він лишається чернеткою, яку бачать лише працівники місії, доки ви його не оприлюдните.',
  date: 'День',
  draft: 'Скласти',
  reportOn: 'Звіт за {{date}}',
  publishedOn: 'оприлюднено {{date}}',
  version: 'версія {{version}}',
  edit: 'Редагувати бюлетень',
  editTitle: 'Редагування: {{title}}',
  editorsOnly: 'Редагувати бюлетені можуть лише редактори. Увійдіть як редактор.',
  leftOut_one:
    '{{count}} неоприлюднений інцидент цього дня пропущено: бюлетень містить лише оприлюднені дані.',
  leftOut_few:
    '{{count}} неоприлюднені інциденти цього дня пропущено: бюлетень містить лише оприлюднені дані.',
  leftOut_many:
    '{{count}} неоприлюднених інцидентів цього дня пропущено: бюлетень містить лише оприлюднені дані.',
  leftOut_other:
    '{{count}} неоприлюдненого інциденту цього дня пропущено: бюлетень містить лише оприлюднені дані.',
  fieldTitle: 'Заголовок',
  fieldSummary: 'Короткий зміст (показується в пошуку та попередньому перегляді посилань)',
  fieldText: 'Текст',
  markdownHelp: '(Markdown; HTML показується як текст)',
  fieldNote: 'Що ви змінили і чому (зберігається з версією)',
  write: 'Писати',
  preview: 'Попередній перегляд',
  save: 'Зберегти як нову версію',
  saveFirst: 'Збережіть зміни перед оприлюдненням.',
  saved: 'Збережено як нову версію.',
  publish: 'Оприлюднити версію {{version}}',
  publishedNow: 'Оприлюднено: тепер публіка читає цю версію.',
  versions: 'Версії',
  related: 'Пов’язане',
  noRelated: 'Поки нічого пов’язаного.',
  relatedAgreements: 'Угоди',
  relatedIncidents: 'Інциденти',
  relatedBulletins: 'Бюлетені',
  reason: {
    linked: 'посилання в тексті',
    'same-day': 'того самого дня',
    'links-here': 'посилається сюди',
    'shares-incident': 'спільний інцидент',
  },
  status: {
    draft: 'чернетка',
    published: 'оприлюднено',
    'published-with-changes': 'оприлюднено; пізніші зміни ще не оприлюднені',
  },
};

export const bulletinsRu = {
  title: 'Бюллетени',
  intro:
    'Отчёты миссии, каждый составлен из данных одного дня (инциденты по заключению и сектору, опубликованные выводы, соглашения, вступающие в силу или истекающие, обмены пленными) и отредактирован редактором.',
  none: 'Ещё не опубликовано ни одного бюллетеня.',
  draftTitle: 'Составить бюллетень',
  draftHelp:
    'Составляет бюллетень дня из опубликованных данных (по киевскому времени). Он остаётся черновиком, который видят только сотрудники миссии, пока вы его не опубликуете.',
  date: 'День',
  draft: 'Составить',
  reportOn: 'Отчёт за {{date}}',
  publishedOn: 'опубликовано {{date}}',
  version: 'версия {{version}}',
  edit: 'Редактировать бюллетень',
  editTitle: 'Редактирование: {{title}}',
  editorsOnly: 'Редактировать бюллетени могут только редакторы. Войдите как редактор.',
  leftOut_one:
    '{{count}} неопубликованный инцидент этого дня пропущен: бюллетень содержит только опубликованные данные.',
  leftOut_few:
    '{{count}} неопубликованных инцидента этого дня пропущены: бюллетень содержит только опубликованные данные.',
  leftOut_many:
    '{{count}} неопубликованных инцидентов этого дня пропущены: бюллетень содержит только опубликованные данные.',
  leftOut_other:
    '{{count}} неопубликованного инцидента этого дня пропущено: бюллетень содержит только опубликованные данные.',
  fieldTitle: 'Заголовок',
  fieldSummary: 'Краткое содержание (показывается в поиске и предпросмотре ссылок)',
  fieldText: 'Текст',
  markdownHelp: '(Markdown; HTML показывается как текст)',
  fieldNote: 'Что вы изменили и почему (хранится с версией)',
  write: 'Писать',
  preview: 'Предпросмотр',
  save: 'Сохранить как новую версию',
  saveFirst: 'Сохраните изменения перед публикацией.',
  saved: 'Сохранено как новая версия.',
  publish: 'Опубликовать версию {{version}}',
  publishedNow: 'Опубликовано: теперь публика читает эту версию.',
  versions: 'Версии',
  related: 'Связанное',
  noRelated: 'Пока ничего связанного.',
  relatedAgreements: 'Соглашения',
  relatedIncidents: 'Инциденты',
  relatedBulletins: 'Бюллетени',
  reason: {
    linked: 'ссылка в тексте',
    'same-day': 'того же дня',
    'links-here': 'ссылается сюда',
    'shares-incident': 'общий инцидент',
  },
  status: {
    draft: 'черновик',
    published: 'опубликовано',
    'published-with-changes': 'опубликовано; последующие изменения ещё не опубликованы',
  },
};
