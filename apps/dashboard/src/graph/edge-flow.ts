// Traffic moving on the edges: edges with traffic are dashed (class `flow`) and one requestAnimationFrame loop
// advances their `line-dash-offset`, at most FLOW_FPS times a second, faster for busier edges. The loop runs only
// while the tab is visible and some edge has traffic, so an idle or hidden dashboard costs nothing.
import type { Core } from 'cytoscape';

/** Style updates per second, at most. */
const FLOW_FPS = 20;
/** Dash travel in px per second at 1 rps and at the cap (speed grows with log rps). */
const MIN_SPEED = 12;
const MAX_SPEED = 60;

export function flowSpeed(rps: number): number {
  if (rps <= 0) return 0;
  return Math.min(MAX_SPEED, MIN_SPEED + Math.log2(1 + rps) * 8);
}

export class EdgeFlow {
  readonly #cy: Core;
  #frame: number | undefined;
  #last = 0;
  #phaseS = 0;
  readonly #onVisibility = () => this.refresh();

  constructor(cy: Core) {
    this.#cy = cy;
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  /** Starts or stops the loop to match the edges' traffic and the tab's visibility; call after each update. */
  refresh(): void {
    const wanted = document.visibilityState !== 'hidden' && this.#cy.edges('.flow').nonempty();
    if (wanted && this.#frame === undefined) {
      this.#last = 0;
      this.#frame = requestAnimationFrame((t) => this.#tick(t));
    } else if (!wanted && this.#frame !== undefined) {
      cancelAnimationFrame(this.#frame);
      this.#frame = undefined;
    }
  }

  destroy(): void {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#frame = undefined;
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  #tick(now: number): void {
    this.#frame = undefined;
    const flowing = this.#cy.edges('.flow');
    if (flowing.empty() || document.visibilityState === 'hidden') return;
    if (this.#last === 0 || now - this.#last >= 1000 / FLOW_FPS) {
      // Elapsed time is capped so a long pause does not make the dashes jump.
      const dt = this.#last === 0 ? 0 : Math.min(0.2, (now - this.#last) / 1000);
      this.#last = now;
      this.#phaseS += dt;
      const phase = this.#phaseS;
      this.#cy.batch(() => {
        flowing.forEach((e) => {
          e.style('line-dash-offset', -((phase * (e.data('speed') as number)) % 1200));
        });
      });
    }
    this.#frame = requestAnimationFrame((t) => this.#tick(t));
  }
}
