import { Card } from "@/components/ui/card";

/**
 * The frame every order-page section shares: a card with a heading that names it for screen
 * readers. Modules adding a section to the order pages use it so the sections look alike.
 */
export function OrderSection({ id, title, children, className }: { id: string; title: string; children: React.ReactNode; className?: string }) {
  return (
    <Card aria-labelledby={`${id}-title`} className={className}>
      <h2 id={`${id}-title`} className="mb-3 font-medium">
        {title}
      </h2>
      {children}
    </Card>
  );
}
