/**
 * The ruled answer area and the handwriting on it: random French words in a
 * sheared italic face, each word with its own size, slant, tilt and baseline
 * offset, so the lines look written by hand rather than typeset.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { FRENCH_WORDS } from './french-words';
import { sampleFonts } from './fonts';
import { HEADER_BOTTOM_MM } from './header';
import type { PageGeometry } from './page-geometry';
import type { SeededRandom } from './random';

const FIRST_RULE_MM = HEADER_BOTTOM_MM + 12;
const LAST_RULE_MM = 285;
const RULE_SPACING_MM = 9;
const MARGIN_MM = 30;
const WRITING_RIGHT_MM = 196;

/** Draws the printed rules and the left margin of the answer area. */
export function drawRuledBody(
  context: SKRSContext2D,
  geometry: PageGeometry,
): void {
  const { mm } = geometry;

  context.strokeStyle = 'rgb(185, 185, 185)';
  context.lineWidth = mm(0.2);
  context.beginPath();
  for (let y = FIRST_RULE_MM; y <= LAST_RULE_MM; y += RULE_SPACING_MM) {
    context.moveTo(mm(12), mm(y));
    context.lineTo(mm(198), mm(y));
  }
  context.stroke();

  context.strokeStyle = 'rgb(150, 150, 150)';
  context.lineWidth = mm(0.3);
  context.beginPath();
  context.moveTo(mm(MARGIN_MM - 3), mm(FIRST_RULE_MM - RULE_SPACING_MM));
  context.lineTo(mm(MARGIN_MM - 3), mm(LAST_RULE_MM + 4));
  context.stroke();
}

/**
 * Writes on the first `fillRatio` share of the rules, with paragraph breaks
 * and the odd crossed-out word. `random` fixes every choice.
 */
export function drawHandwriting(
  context: SKRSContext2D,
  geometry: PageGeometry,
  random: SeededRandom,
  fillRatio: number,
): void {
  const { mm } = geometry;
  const family = sampleFonts().handwriting;
  const ink = random.integer(25, 75);
  const baseSize = mm(random.between(4.6, 5.6));
  const slant = random.between(-0.35, -0.15);

  const ruleCount =
    Math.floor((LAST_RULE_MM - FIRST_RULE_MM) / RULE_SPACING_MM) + 1;
  const writtenRules = Math.round(ruleCount * fillRatio);
  let startsParagraph = true;

  for (let rule = 0; rule < writtenRules; rule++) {
    const baseline = mm(FIRST_RULE_MM + rule * RULE_SPACING_MM - 1);
    const lineDrift = random.between(-0.6, 0.6);
    const indent = startsParagraph ? mm(random.between(8, 14)) : 0;
    const endsParagraph = random.chance(0.12);
    const lineEnd = endsParagraph
      ? mm(random.between(70, 150))
      : mm(WRITING_RIGHT_MM - random.between(0, 15));
    let x = mm(MARGIN_MM) + indent + mm(random.between(0, 2));

    while (x < lineEnd) {
      const word = random.pick(FRENCH_WORDS);
      const size = baseSize * random.between(0.88, 1.12);
      context.font = `italic ${size}px ${family}`;
      const width = context.measureText(word).width;
      if (x + width > lineEnd) {
        break;
      }

      const progress = (x - mm(MARGIN_MM)) / mm(WRITING_RIGHT_MM - MARGIN_MM);
      const y = baseline + mm(lineDrift * progress + random.between(-0.5, 0.5));
      const grey = Math.min(120, ink + random.integer(-10, 15));

      context.save();
      context.translate(x, y);
      context.rotate(random.between(-0.03, 0.03));
      context.transform(1, 0, slant + random.between(-0.05, 0.05), 1, 0, 0);
      context.fillStyle = `rgb(${grey}, ${grey}, ${grey})`;
      context.fillText(word, 0, 0);
      if (random.chance(0.02)) {
        context.strokeStyle = context.fillStyle;
        context.lineWidth = mm(0.35);
        context.beginPath();
        context.moveTo(-mm(0.5), -size * 0.3);
        context.lineTo(width + mm(0.5), -size * 0.25);
        context.stroke();
      }
      context.restore();

      x += width + mm(random.between(1.8, 3.2));
    }

    // Some writers leave an empty rule between paragraphs.
    startsParagraph = endsParagraph;
    if (endsParagraph && random.chance(0.5)) {
      rule += 1;
    }
  }
}
