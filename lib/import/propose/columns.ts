// Column headers and detail labels as people write them, Swedish and English, normalised to
// lower-case letters and digits: "Org.nr" → "orgnr", "E-post" → "epost".
export type Field = 'client' | 'project' | 'task' | 'note' | DetailField;
export type DetailField = 'orgNumber' | 'vatNumber' | 'email' | 'addressLine1' | 'postalCode' | 'city' | 'country' | 'hourlyRate';

const ALIASES: Record<Field, string[]> = {
  client: [
    'kund',
    'kundnamn',
    'kunder',
    'klient',
    'client',
    'clientname',
    'customer',
    'customername',
    'företag',
    'foretag',
    'företagsnamn',
    'company',
    'companyname',
    'beställare',
  ],
  project: ['projekt', 'projektnamn', 'project', 'projectname', 'uppdrag', 'assignment'],
  task: ['uppgift', 'uppgifter', 'task', 'tasks', 'aktivitet', 'activity', 'moment', 'todo', 'attgöra'],
  note: ['anteckning', 'anteckningar', 'kommentar', 'kommentarer', 'note', 'notes', 'comment', 'comments'],
  orgNumber: [
    'orgnr',
    'orgnummer',
    'organisationsnummer',
    'organisationsnr',
    'orgno',
    'orgnumber',
    'organisationnumber',
    'organizationnumber',
    'corporateid',
    'companyid',
  ],
  vatNumber: ['momsnr', 'momsregnr', 'momsnummer', 'momsregistreringsnummer', 'vat', 'vatnr', 'vatno', 'vatnumber', 'vatid'],
  email: ['epost', 'epostadress', 'email', 'emailaddress', 'mail', 'mejl'],
  addressLine1: ['adress', 'address', 'gatuadress', 'streetaddress', 'besöksadress', 'postadress'],
  postalCode: ['postnr', 'postnummer', 'postalcode', 'zip', 'zipcode'],
  city: ['ort', 'postort', 'stad', 'city', 'town'],
  country: ['land', 'landskod', 'country', 'countrycode'],
  hourlyRate: [
    'timpris',
    'timarvode',
    'timtaxa',
    'timkostnad',
    'pristimme',
    'prispertimme',
    'prish',
    'apris',
    'rate',
    'hourlyrate',
    'rateperhour',
    'rateh',
    'priceperhour',
    'hourlyprice',
  ],
};

const LOOKUP = new Map(Object.entries(ALIASES).flatMap(([field, names]) => names.map((n) => [n, field as Field])));

// A unit or VAT note after a label ("Timpris (kr)", "Rate excl. VAT") does not change the column.
const UNIT_SUFFIX = /(kr|sek|exklmoms|exmoms|exclvat|exvat)+$/;

export const normaliseLabel = (label: string) =>
  label
    .toLocaleLowerCase('sv')
    .replace(/[àá]/g, 'a')
    .replace(/[éè]/g, 'e')
    .replace(/[^a-zåäö0-9]/g, '');

export function fieldOf(label: string): Field | undefined {
  const key = normaliseLabel(label);
  return LOOKUP.get(key) ?? LOOKUP.get(key.replace(UNIT_SUFFIX, ''));
}

export const DETAIL_FIELDS: DetailField[] = [
  'orgNumber',
  'vatNumber',
  'email',
  'addressLine1',
  'postalCode',
  'city',
  'country',
  'hourlyRate',
];
export const isDetailField = (field: Field | undefined): field is DetailField => DETAIL_FIELDS.includes(field as DetailField);
