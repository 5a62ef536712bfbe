/**
 * Texts of the annotations area, French first. The English object must have the
 * same keys, which the type checker enforces.
 */
import type { DeepStrings } from '../message-shape';

export const annotationsFr = {
  toolbar: 'Annotations',
  tools: 'Outil d’annotation',
  tool: {
    select: 'Sélection',
    pen: 'Stylo',
    highlighter: 'Surligneur',
    text: 'Note',
    tick: 'Coche',
    cross: 'Croix',
    eraser: 'Gomme',
  },
  colors: 'Couleur',
  color: {
    red: 'Rouge',
    green: 'Vert',
    blue: 'Bleu',
    amber: 'Jaune',
    black: 'Noir',
  },
  nextColor: 'couleur suivante',
  undo: 'Annuler la dernière annotation',
  redo: 'Rétablir l’annotation',
  delete: 'Supprimer l’annotation sélectionnée',
  layer: 'Annotations de la page {{page}}',
  layerHelp:
    'Flèches : déplacer le curseur. Entrée : poser l’outil choisi au curseur. Avec l’outil Sélection, Tab parcourt les annotations de la page, les flèches déplacent l’annotation choisie et Suppr l’efface.',
  kind: {
    pen: 'Trait',
    highlighter: 'Surlignage',
    text: 'Note « {{text}} »',
    tick: 'Coche',
    cross: 'Croix',
  },
  name: '{{kind}}, page {{page}}',
  noteField: 'Texte de la note',
  noteHelp: 'Entrée pour valider, Échap pour annuler.',
  hidden_one:
    '{{count}} annotation n’est pas affichée : elle vient d’une autre version de Copydesk. Elle est conservée.',
  hidden_other:
    '{{count}} annotations ne sont pas affichées : elles viennent d’une autre version de Copydesk. Elles sont conservées.',
  readOnly: 'Annotations en lecture seule',
};

export const annotationsEn: DeepStrings<typeof annotationsFr> = {
  toolbar: 'Annotations',
  tools: 'Annotation tool',
  tool: {
    select: 'Select',
    pen: 'Pen',
    highlighter: 'Highlighter',
    text: 'Note',
    tick: 'Tick',
    cross: 'Cross',
    eraser: 'Eraser',
  },
  colors: 'Colour',
  color: {
    red: 'Red',
    green: 'Green',
    blue: 'Blue',
    amber: 'Yellow',
    black: 'Black',
  },
  nextColor: 'next colour',
  undo: 'Undo the last annotation',
  redo: 'Redo the annotation',
  delete: 'Delete the selected annotation',
  layer: 'Annotations of page {{page}}',
  layerHelp:
    'Arrow keys: move the cursor. Enter: use the chosen tool at the cursor. With the Select tool, Tab goes through the page’s annotations, the arrow keys move the chosen one and Delete removes it.',
  kind: {
    pen: 'Line',
    highlighter: 'Highlight',
    text: 'Note “{{text}}”',
    tick: 'Tick',
    cross: 'Cross',
  },
  name: '{{kind}}, page {{page}}',
  noteField: 'Note text',
  noteHelp: 'Enter to confirm, Escape to cancel.',
  hidden_one:
    '{{count}} annotation is not shown because it comes from another version of Copydesk. It is kept.',
  hidden_other:
    '{{count}} annotations are not shown because they come from another version of Copydesk. They are kept.',
  readOnly: 'Annotations are read-only',
};
