/**
 * Everyday French words from philosophy essays, for the handwriting on
 * sample pages. The text means nothing: only its look matters.
 */
export const FRENCH_WORDS: readonly string[] = `
la le les de des du et est une un que qui dans pour par sur avec sans mais
donc ainsi pas ne plus tout nous il elle on cela cette liberté conscience
vérité raison désir bonheur devoir justice société nature culture travail
technique art langage temps existence morale politique État droit pensée
homme monde autrui sujet connaissance science expérience jugement volonté
passion nécessité histoire religion inconscient perception mémoire question
problème réponse exemple argument Descartes Kant Platon Rousseau Spinoza
Nietzsche Aristote Hegel Pascal Sartre montre affirme suppose permet semble
devient pouvons peut doit faut être avoir faire penser savoir vouloir
comprendre définir opposer dépasser toujours jamais pourtant cependant
néanmoins enfin d'abord ensuite autrement dit même propre seul vrai faux
juste libre humain naturel moral absolu relatif premier dernier partie sens
idée notion concept fin moyen
`
  .trim()
  .split(/\s+/);
