/**
 * `telemedicine.findServices`: bookable doctors with what a patient needs to choose one.
 *
 * @internal
 * @module
 */
import type {
  Extension,
  HealthcareService,
  Location,
  Organization,
  Practitioner,
  Reference,
  Resource,
} from '../fhir/index.ts';
import type { RequestOptions, SearchParams } from '../http/types.ts';
import { formatName } from '../kernel.ts';
import { findProvince, placeKey } from '../vn/provinces.ts';
import { hasCoding, specialtyByCodeOrKey } from './conventions.ts';
import { readMaybe, type TelemedicineContext } from './context.ts';
import { toId, toReference } from './refs.ts';
import { imageSource } from './urls.ts';
import type { ConsultOffering, FindServicesQuery } from './types.ts';
import { modesOf, requiresApprovalOf, textOf } from './views.ts';

/**
 * The avatar's initials, as Vietnamese avatars show them (the rule `initials` of the components
 * follows too): the first letter of the given name a person is called by (the last word), then
 * of the family name (the first word), titles with a dot left out: "BS. Nguyễn Văn Quang" → "QN".
 */
function initialsOf(name: string): string {
  const words = name.split(/\s+/).filter((w) => w && !w.endsWith('.'));
  if (!words.length) return '';
  const given = words[words.length - 1]!;
  const family = words.length > 1 ? words[0]! : '';
  return (given.charAt(0) + family.charAt(0)).toLocaleUpperCase('vi');
}

function provinceOf(...places: ({ address?: unknown } | undefined)[]): string | undefined {
  for (const place of places) {
    const address = place?.address;
    const list = Array.isArray(address) ? address : address ? [address] : [];
    for (const a of list as { state?: string; extension?: Extension[] }[]) {
      if (a.state) return a.state;
    }
  }
  return undefined;
}

/**
 * What a province name or code is compared by: the 2025 province's code (a pre-2025 province
 * reads as the one it is now part of), else the name folded (no accents, no `Tỉnh`).
 */
function provinceKey(value: string): string {
  const known = findProvince(value);
  const current = known?.current ? known : known?.successor;
  return current ? `code:${current.code}` : placeKey(value);
}

/** `TelemedicineClient.findServices`. */
export async function findServices(
  ctx: TelemedicineContext,
  query: FindServicesQuery,
  options?: RequestOptions,
): Promise<ConsultOffering[]> {
  const limit = query.limit ?? 50;
  const params: SearchParams = {
    active: 'true',
    _count: Math.min(200, limit * 2),
    // One `_include` per target (the key repeats); what a server leaves out is read below.
    _include: [
      ['PractitionerRole:practitioner'],
      ['PractitionerRole:organization'],
      ['PractitionerRole:location'],
      ['PractitionerRole:service'],
    ],
  };
  if (query.specialty) {
    const known = specialtyByCodeOrKey(query.specialty);
    params.specialty = known && !query.specialty.includes('|') ? known.code : query.specialty;
  }
  const organization =
    query.organization ??
    (query.facility && !query.facility.startsWith('Location/') ? query.facility : undefined);
  const location =
    query.location ?? (query.facility?.startsWith('Location/') ? query.facility : undefined);
  if (organization) params.organization = toReference(organization, 'Organization');
  if (location) params.location = toReference(location, 'Location');
  const wantedProvince = query.province ? provinceKey(query.province) : undefined;
  if (query.province) {
    const known = findProvince(query.province);
    const current = known?.current ? known : known?.successor;
    // `:contains` on the bare name: matches `Tỉnh Vĩnh Long` and `Vĩnh Long` alike.
    params['organization.address-state:contains'] = current
      ? current.name.replace(/^(Tỉnh|Thành phố)\s+/, '')
      : query.province.trim();
  }
  if (query.practitionerRole) params._id = toId(query.practitionerRole, 'PractitionerRole');
  const result = await ctx.fhir.search('PractitionerRole', params, options);
  const byRef = new Map<string, Resource>();
  for (const r of result.included) if (r.id) byRef.set(`${r.resourceType}/${r.id}`, r);
  const wanted = new Set<string>();
  for (const role of result.resources) {
    for (const ref of [
      role.practitioner,
      role.organization,
      ...(role.location ?? []),
      ...(role.healthcareService ?? []),
    ]) {
      if (ref?.reference) wanted.add(toReference(ref, 'Resource'));
    }
  }
  await Promise.all(
    [...wanted]
      .filter((ref) => !byRef.has(ref))
      .map(async (ref) => {
        const found = await readMaybe(ctx, ref, options);
        if (found) byRef.set(ref, found);
      }),
  );
  const get = <T extends Resource>(ref: Reference | undefined): T | undefined =>
    ref?.reference ? (byRef.get(toReference(ref, 'Resource')) as T | undefined) : undefined;
  const offerings: ConsultOffering[] = [];
  for (const role of result.resources) {
    if (role.active === false || !role.id) continue;
    const practitioner = get<Practitioner>(role.practitioner);
    const organization = get<Organization>(role.organization);
    const services = (role.healthcareService ?? [])
      .map((r) => get<HealthcareService>(r))
      .filter((x): x is HealthcareService => Boolean(x));
    const modes = modesOf(...services.map((x) => x.characteristic), role.code);
    if (query.mode && !modes.includes(query.mode)) continue;
    const service =
      (query.mode && services.find((x) => hasCoding(x.characteristic, query.mode ?? ''))) ??
      services[0];
    const locations = (role.location ?? [])
      .map((r) => get<Location>(r))
      .filter((x): x is Location => Boolean(x));
    const location = locations.find((l) => l.address) ?? locations[0];
    const province = provinceOf(location, organization);
    if (wantedProvince) {
      const has = [
        ...(location?.address ? [location.address] : []),
        ...(organization?.address ?? []),
      ]
        .flatMap((a) => [a.state, a.city])
        .filter((p): p is string => Boolean(p))
        .some((p) => provinceKey(p) === wantedProvince);
      if (!has) continue;
    }
    const name = formatName(practitioner?.name) || role.practitioner?.display || '';
    const photo = practitioner?.photo?.[0];
    offerings.push({
      id: role.id,
      practitionerRole: role,
      practitioner,
      service,
      organization,
      location,
      practitionerName: name,
      initials: initialsOf(name),
      photoUrl: imageSource(photo),
      specialties: role.specialty ?? service?.specialty ?? [],
      languages: [
        ...new Set(
          (practitioner?.communication ?? service?.communication ?? [])
            .map((c) => c.coding?.[0]?.code ?? c.text)
            .filter((c): c is string => Boolean(c)),
        ),
      ],
      qualifications: (practitioner?.qualification ?? [])
        .map((q) => textOf(q.code))
        .filter(Boolean),
      facility: {
        id:
          organization?.id ??
          (role.organization
            ? toReference(role.organization, 'Organization').split('/')[1]
            : undefined),
        name: organization?.name ?? role.organization?.display ?? location?.name ?? '',
        province,
      },
      modes,
      requiresApproval: requiresApprovalOf(service, role),
    });
    if (offerings.length >= limit) break;
  }
  return offerings.sort((a, b) => a.practitionerName.localeCompare(b.practitionerName, 'vi'));
}
