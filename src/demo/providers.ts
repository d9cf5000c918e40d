/** Fictional providers (aanbieders) of the demo, with size, the care they offer and their own uitval and satisfaction levels. */
import { Rng, hash32 } from './random.js';
import type { DemoCategory } from './calibration.js';

export interface DemoProvider {
  readonly agb: string;
  readonly name: string;
  readonly sizeClass: 'groot' | 'middel' | 'klein' | 'GI';
  readonly categories: ReadonlySet<DemoCategory>;
  readonly weight: number;
  readonly dropoutRate: number;
  readonly satisfactionMean: number;
}

const NAMES = [
  'De Linde',
  'Kompas',
  'Horizon',
  'De Waaier',
  'Sterk Thuis',
  'Opgroeien Plus',
  'Het Anker',
  'Vlinderhuis',
  'De Brug',
  'Koersvast',
  'Samen Verder',
  'Lichtpunt',
  'De Boog',
  'Zonnehoek',
  'Groeikracht',
  'De Steiger',
  'Rondom Jeugd',
  'Veilig Thuis Zorg',
  'Buitenkans',
  'De Haven',
  'Jong Perspectief',
  'Tandem',
  'Kindkracht',
  'De Molen',
  'Zorgpad',
  'Oase Jeugd',
  'Schakel',
  'Kinderpraktijk Noord',
  'Praktijk Zuid',
  'Oever',
  'Basis & Co',
  'De Kapstok',
  'Spoor',
  'Nestwarmte',
  'Wegwijzer',
  'Ritme',
  'Wolkenkrabber',
  'De Kiem',
  'Veldwerk',
  'Rugwind',
];

export function demoProviders(seed: number, count = 40): DemoProvider[] {
  const rng = new Rng(seed ^ hash32('providers'));
  const out: DemoProvider[] = [];
  const all: DemoCategory[] = ['45', '54', '41', '40', '42', '43', '44', '46', '50'];
  for (let i = 0; i < count; i++) {
    const agb = `99${String(100_000 + i * 7_919)
      .padStart(6, '0')
      .slice(-6)}`;
    const name = `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}` : ''} (demo)`;
    let sizeClass: DemoProvider['sizeClass'];
    let categories: DemoCategory[];
    let weight: number;
    if (i < 2) {
      sizeClass = 'GI';
      categories = ['48', '47'];
      weight = i === 0 ? 3 : 1;
    } else if (i < 7) {
      sizeClass = 'groot';
      categories = all;
      weight = 9;
    } else if (i < 17) {
      sizeClass = 'middel';
      categories = ['45', '54', '41', '40', '50', '44'];
      weight = 3;
    } else {
      sizeClass = 'klein';
      categories = ['45', '54', '40', '42'];
      weight = 1;
    }
    out.push({
      agb,
      name,
      sizeClass,
      categories: new Set(categories),
      weight,
      dropoutRate: Math.min(0.22, Math.max(0.06, rng.normal(0.125, 0.035))),
      satisfactionMean: rng.uniform(7.3, 8.4),
    });
  }
  return out;
}

/** Providers that offer a category, for weighted picking. */
export function providerPicker(providers: readonly DemoProvider[]): (rng: Rng, category: DemoCategory) => DemoProvider {
  const byCat = new Map<DemoCategory, DemoProvider[]>();
  for (const p of providers) for (const c of p.categories) byCat.set(c, [...(byCat.get(c) ?? []), p]);
  return (rng, category) => {
    const list = byCat.get(category)!;
    const total = list.reduce((s, p) => s + p.weight, 0);
    let r = rng.next() * total;
    for (const p of list) {
      r -= p.weight;
      if (r < 0) return p;
    }
    return list[list.length - 1]!;
  };
}
